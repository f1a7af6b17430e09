"""Notebook 05 · validation, overfitting, checkpoints: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n05.py lists the mistakes it must catch.
"""

import numpy as np

from helpers.exercises.checking import NotAttempted, Wrong, is_blank, same_values
from helpers.exercises.exercise import define


def best_epoch(val_losses):
    """The epoch (counted from 1) with the lowest validation loss: the checkpoint to keep."""
    return int(np.argmin(val_losses)) + 1


def curves(rng):
    """Validation losses that fall, then rise (overfitting), with noise."""
    n = int(rng.integers(8, 20))
    turn = int(rng.integers(2, n - 2))
    epochs = np.arange(n)
    return [float(v) for v in np.round(0.3 + 0.05 * (epochs - turn) ** 2 / n + rng.uniform(0, 0.01, n), 4)]


def bumpy_curves(rng):
    """Validation losses with a first dip, a rise, a plateau of equal values and often a deeper second dip
    (rounded to 2 decimals, so equal values happen)."""
    n = int(rng.integers(10, 20))
    first, second = int(rng.integers(1, n // 2)), int(rng.integers(n // 2 + 2, n))
    epochs = np.arange(n)
    dips = np.minimum(np.abs(epochs - first), np.abs(epochs - second) + rng.uniform(-0.6, 0.6))
    losses = 0.5 + 0.2 * dips / n + rng.uniform(0, 0.02, n)
    losses[first + 1:first + 4] = losses[first + 1]            # a plateau of three equal losses
    return [float(v) for v in np.round(losses, 2)]


FIXED_CURVES = [[0.9, 0.7, 0.6, 0.65, 0.7, 0.55, 0.6, 0.8],   # a rise, then a deeper second dip: epoch 6
                [0.8, 0.5, 0.45, 0.45, 0.5, 0.6],             # two epochs tie for the lowest: the first, 3
                [0.4, 0.5, 0.6],                              # the first epoch is the best
                [0.9, 0.8, 0.7],                              # the last epoch is the best
                # a tie in a curve of 22 epochs: np.argsort's default sort keeps ties in order only up to 16
                # values, and puts epoch 17 before epoch 16 here
                [0.67, 0.66, 0.63, 0.61, 0.59, 0.57, 0.54, 0.52, 0.5, 0.47, 0.46, 0.42, 0.41, 0.38, 0.35,
                 0.32, 0.32, 0.34, 0.35, 0.38, 0.39, 0.43]]


def check_best_epoch(answer):
    rng = np.random.default_rng()
    for losses in FIXED_CURVES + [curves(rng), bumpy_curves(rng)]:
        got, wanted = answer(list(losses)), best_epoch(losses)
        if is_blank(got):
            raise NotAttempted
        if got == wanted:
            continue
        lowest = [epoch for epoch, loss in enumerate(losses, start=1) if loss == min(losses)]
        if got == wanted - 1:
            raise Wrong(f"for {losses}: you returned {got}, one too few: epochs are counted from 1 here")
        if got in lowest:
            raise Wrong(f"for {losses}: epochs {lowest} tie for the lowest loss; keep the first, {wanted} "
                        f"(the later ones are no better), you returned {got}")
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


FIXED_STOPS = [([1.0, 0.8, 0.81, 0.82, 0.7, 0.9, 0.95], 2),   # stops at 4, before the better epoch 5 it can't foresee
               ([0.5, 0.8, 0.7, 0.9, 0.85, 0.95], 2),         # falls against the epoch before, never below the best
               ([1.0, 1.1, 0.9, 1.0, 0.8, 0.85, 0.86], 2),     # bad epochs apart: the count restarts at each new best
               ([0.5, 0.4, 0.4, 0.4, 0.4, 0.3], 2),            # a plateau: equal is not a new best
               ([0.6, 0.5, 0.55, 0.4], 1),
               ([0.5, 0.4, 0.3], 2),                           # always improving: all 3 epochs
               ([1.0, 0.9, 0.89995, 0.95, 0.97], 2)]           # a tiny new best (no min_delta): stops after 5


def check_stopping_epoch(answer):
    rng = np.random.default_rng()
    cases = FIXED_STOPS + [(curves(rng), patience) for patience in (1, 3)] + [(bumpy_curves(rng), 2)]
    for losses, patience in cases:
        got, wanted = answer(list(losses), patience), stopping_epoch(losses, patience)
        if is_blank(got):
            raise NotAttempted
        if got != wanted:
            last = ", the last one (patience never ran out)" if wanted == len(losses) else ""
            raise Wrong(f"for validation losses {losses} and patience {patience}: training stops after epoch "
                        f"{wanted}{last}, you returned {got}{tiny_best_advice(losses, wanted, got)}")


def tiny_best_advice(losses, wanted, got):
    """Advice when an answer that stopped too early skipped a new best lower by less than 0.001 (a min_delta)."""
    if not isinstance(got, (int, np.integer)) or got >= wanted:
        return ""
    best = float("inf")
    for epoch, loss in enumerate(losses[:wanted], start=1):
        if loss < best <= loss + 1e-3:
            return (f" (epoch {epoch}'s {loss:g} is a new best, lower than {best:g} by only {best - loss:.2g}: "
                    "any decrease counts, however small; no min_delta)")
        best = min(best, loss)
    return ""


def split_indices(n, val_size, seed):
    """Shuffle 0 .. n-1 and hold out the first `val_size` as the validation set: (train, validation)."""
    order = np.random.default_rng(seed).permutation(n)
    return order[val_size:], order[:val_size]


def index_array(part):
    """The learner's indices (a numpy array, an NDArray or a list) as a 1-D numpy array of ints, or a Wrong."""
    values = part.asnumpy() if hasattr(part, "asnumpy") else np.asarray(part)
    if values.ndim != 1 or values.dtype == bool or not np.issubdtype(values.dtype, np.number) or \
            not np.all(values == np.round(values)):
        raise Wrong(f"return two 1-D arrays (numpy arrays, NDArrays or lists) of whole-number indices, not "
                    f"{type(part).__name__} of {values.dtype} and shape {values.shape}")
    return values.astype("int64")


def check_split_indices(answer):
    rng = np.random.default_rng()
    for n, val_size in ((100, 20), (57, 10), (10, 9), (20, 19)):
        split = answer(n, val_size, int(rng.integers(1000)))
        if is_blank(split):
            raise NotAttempted
        train, val = (index_array(part) for part in split)
        if len(val) != val_size or len(train) != n - val_size:
            raise Wrong(f"n={n}, val_size={val_size}: got {len(train)} training and {len(val)} validation indices")
        if set(train.tolist()) & set(val.tolist()):
            raise Wrong(f"n={n}: indices {sorted(set(train.tolist()) & set(val.tolist()))[:5]} are in both sets: "
                        "validation leaks")
        same_values(np.sort(np.concatenate([train, val])), np.arange(n), f"n={n}: every index exactly once")
    seed = int(rng.integers(1000))
    a, b, other = (index_array(answer(100, 20, s)[1]) for s in (seed, seed, seed + 1))
    if not np.array_equal(a, b):
        raise Wrong("the same seed must give the same split (or results can't be reproduced): "
                    "shuffle with np.random.default_rng(seed)")
    val = np.sort(a)
    if np.array_equal(val, np.arange(20)) or np.array_equal(val, np.arange(80, 100)):
        raise Wrong("the validation set is the first or last 20 samples: shuffle first (the data may be ordered)")
    if np.all(np.diff(val) == 1):
        raise Wrong(f"the validation set is one block of neighbours ({val[0]} .. {val[-1]}): shuffle the indices, "
                    "don't just pick a random start (neighbouring samples are often alike)")
    if np.array_equal(val, np.sort(other)):
        raise Wrong(f"seeds {seed} and {seed + 1} gave the same validation set: the split must come from `seed`")


BEST_RULE = "If several epochs tie for the lowest loss, keep the first of them."
STOP_RULE = ("A new best must be strictly lower than every earlier loss, however little (no min_delta); you may "
             "only use the losses up to the epoch you are at (training can't see the future).")
SPLIT_RULE = ("The same seed must give the same split, another seed another one; any shuffle works "
              "(np.random.default_rng(seed) is one), and the arrays may be numpy arrays, NDArrays or lists of "
              "whole numbers.")

define("05", "best_epoch", f"Write best_epoch(val_losses): the epoch (from 1) whose checkpoint you keep. {BEST_RULE}",
       check_best_epoch, ("Keep the model that did best on data it never trained on.",
                          "np.argmin gives a position counted from 0."),
       best_epoch, "the lowest validation loss, not the last epoch and not the lowest training loss.")
define("05", "stopping_epoch",
       "Write stopping_epoch(val_losses, patience): the epoch after which early stopping ends training. "
       f"{STOP_RULE}",
       check_stopping_epoch,
       ("Walk through the epochs keeping the best loss so far and how many epochs since it improved.",
        "Stop when `patience` epochs in a row brought no new best; if that never happens, train to the end."),
       stopping_epoch, "early stopping: patience epochs without a new best, then stop (and keep the best).")
define("05", "split_indices",
       "Write split_indices(n, val_size, seed) -> (train, validation) arrays of indices, shuffled, disjoint. "
       f"{SPLIT_RULE}",
       check_split_indices,
       ("np.random.default_rng(seed).permutation(n) shuffles 0 .. n-1 reproducibly.",
        "Take the first val_size shuffled indices for validation and the rest for training."),
       split_indices, "disjoint, complete, shuffled and reproducible: a validation set you can trust.")
