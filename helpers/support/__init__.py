"""Plumbing the teaching modules stand on: threads, argument checks, the machine's description, the
one-line progress display and the fast training step. Nothing here imports the rest of `helpers`."""
