"""Build and benchmark tools that no notebook imports: `python -m helpers.tools.bench`, and the pieces
the scripts in scripts/ use to build model weights from packages on the registry."""
