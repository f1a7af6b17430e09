"""Notebook 05 · validation, overfitting, checkpoints: exercises, their checks and reference solutions."""

import numpy as np

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def best_epoch(val_losses):
    """The epoch (counted from 1) with the lowest validation loss: the checkpoint to keep."""
    return int(np.argmin(val_losses)) + 1


def curves(rng):
    """Validation losses that fall, then rise (overfitting), with noise."""
    n = int(rng.integers(8, 20))
    turn = int(rng.integers(2, n - 2))
    epochs = np.arange(n)
    return list(np.round(0.3 + 0.05 * (epochs - turn) ** 2 / n + rng.uniform(0, 0.01, n), 4))


def check_best_epoch(answer):
    for _ in range(4):
        losses = curves(np.random.default_rng())
        got, wanted = answer(losses), best_epoch(losses)
        if got == wanted - 1:
            raise Wrong(f"for {losses}: you returned {got}, one too few: epochs are counted from 1 here")
        if got != wanted:
            raise Wrong(f"for validation losses {losses}: the lowest is in epoch {wanted}, you returned {got}")


def stopping_epoch(val_losses, patience):
    """Early stopping: the epoch (from 1) after which training stops, once `patience` epochs brought
    no new best validation loss; the last epoch if that never happens."""
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return len(val_losses)


def check_stopping_epoch(answer):
    rng = np.random.default_rng()
    for patience in (1, 2, 3):
        losses = curves(rng)
        got, wanted = answer(losses, patience), stopping_epoch(losses, patience)
        if got != wanted:
            raise Wrong(f"for validation losses {losses} and patience {patience}: training stops after epoch "
                        f"{wanted}, you returned {got}")
    if answer([0.5, 0.4, 0.3], 2) != 3:
        raise Wrong("for [0.5, 0.4, 0.3] (always improving) training runs all 3 epochs")


def split_indices(n, val_size, seed):
    """Shuffle 0 .. n-1 and hold out the first `val_size` as the validation set: (train, validation)."""
    order = np.random.default_rng(seed).permutation(n)
    return order[val_size:], order[:val_size]


def check_split_indices(answer):
    rng = np.random.default_rng()
    for n, val_size in ((100, 20), (57, 10), (10, 9)):
        train, val = (np.asarray(part) for part in answer(n, val_size, int(rng.integers(1000))))
        if len(val) != val_size or len(train) != n - val_size:
            raise Wrong(f"n={n}, val_size={val_size}: got {len(train)} training and {len(val)} validation indices")
        if set(train) & set(val):
            raise Wrong(f"n={n}: indices {sorted(set(train) & set(val))[:5]} are in both sets: validation leaks")
        same_values(np.sort(np.concatenate([train, val])), np.arange(n), f"n={n}: every index exactly once")
    a, b = answer(100, 20, 1), answer(100, 20, 1)
    if not np.array_equal(np.asarray(a[1]), np.asarray(b[1])):
        raise Wrong("the same seed must give the same split (or results can't be reproduced)")
    if np.array_equal(np.sort(np.asarray(a[1])), np.arange(20)):
        raise Wrong("the validation set is the first 20 samples: shuffle first (the data may be ordered)")


define("05", "best_epoch", "Write best_epoch(val_losses): the epoch (from 1) whose checkpoint you keep.",
       check_best_epoch, ("Keep the model that did best on data it never trained on.",
                          "np.argmin gives a position counted from 0."),
       best_epoch, "the lowest validation loss, not the last epoch and not the lowest training loss.")
define("05", "stopping_epoch",
       "Write stopping_epoch(val_losses, patience): the epoch after which early stopping ends training.",
       check_stopping_epoch,
       ("Walk through the epochs keeping the best loss so far and how many epochs since it improved.",
        "Stop when `patience` epochs in a row brought no new best; if that never happens, train to the end."),
       stopping_epoch, "early stopping: patience epochs without a new best, then stop (and keep the best).")
define("05", "split_indices",
       "Write split_indices(n, val_size, seed) -> (train, validation) arrays of indices, shuffled, disjoint.",
       check_split_indices,
       ("np.random.default_rng(seed).permutation(n) shuffles 0 .. n-1 reproducibly.",
        "Take the first val_size shuffled indices for validation and the rest for training."),
       split_indices, "disjoint, complete, shuffled and reproducible: a validation set you can trust.")
