"""Notebook 05's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import random

import mxnet as mx
import numpy as np
from mxnet import nd


# best_epoch ---------------------------------------------------------------------------------------------
def counted_from_0(val_losses):
    return int(np.argmin(val_losses))


def argmax_as_for_accuracy(val_losses):
    return int(np.argmax(val_losses)) + 1


def last_epoch(val_losses):
    return len(val_losses)


def first_rise(val_losses):
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] > val_losses[epoch - 1]:
            return epoch
    return len(val_losses)


def lowest_loss_itself(val_losses):
    return min(val_losses)


def last_of_equal_lowest(val_losses):
    best, chosen = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, chosen = loss, epoch
    return chosen


def argsort_first(val_losses):
    return int(np.argsort(val_losses)[0]) + 1


def list_index(val_losses):
    return val_losses.index(min(val_losses)) + 1


def strict_loop(val_losses):
    best, chosen = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, chosen = loss, epoch
    return chosen


def min_over_epochs(val_losses):
    return min(range(1, len(val_losses) + 1), key=lambda epoch: val_losses[epoch - 1])


# stopping_epoch -----------------------------------------------------------------------------------------
def look_ahead(val_losses, patience):
    return min(int(np.argmin(val_losses)) + 1 + patience, len(val_losses))


def rises_against_the_previous_epoch(val_losses, patience):
    waited = 0
    for epoch in range(2, len(val_losses) + 1):
        waited = waited + 1 if val_losses[epoch - 1] > val_losses[epoch - 2] else 0
        if waited == patience:
            return epoch
    return len(val_losses)


def never_resets_the_count(val_losses, patience):
    best, bad = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best = loss
        else:
            bad += 1
            if bad == patience:
                return epoch
    return len(val_losses)


def one_epoch_late(val_losses, patience):
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited > patience:
                return epoch
    return len(val_losses)


def equal_counts_as_better(val_losses, patience):
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return len(val_losses)


def returned_the_best_epoch(val_losses, patience):
    best, waited, best_epoch = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, waited, best_epoch = loss, 0, epoch
        else:
            waited += 1
            if waited == patience:
                return best_epoch
    return best_epoch


def counted_from_0_stop(val_losses, patience):
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return len(val_losses) - 1


def forgot_the_end(val_losses, patience):
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return None


def with_min_delta(min_delta):
    def stopping_epoch(val_losses, patience):
        best, waited = float("inf"), 0
        for epoch, loss in enumerate(val_losses, start=1):
            if loss < best - min_delta:
                best, waited = loss, 0
            else:
                waited += 1
                if waited == patience:
                    return epoch
        return len(val_losses)
    return stopping_epoch


def sliding_window(val_losses, patience):
    for epoch in range(patience + 1, len(val_losses) + 1):
        if min(val_losses[epoch - patience:epoch]) >= min(val_losses[:epoch - patience]):
            return epoch
    return len(val_losses)


def running_best_in_numpy(val_losses, patience):
    losses = np.asarray(val_losses, dtype="float64")
    best_before = np.concatenate([[np.inf], np.minimum.accumulate(losses)[:-1]])
    last_best = 0
    for epoch, improved in enumerate(losses < best_before, start=1):
        if improved:
            last_best = epoch
        elif epoch - last_best == patience:
            return epoch
    return len(losses)


def epoch_of_the_last_best(val_losses, patience):
    best, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch = loss, epoch
        if epoch - best_epoch == patience:
            return epoch
    return len(val_losses)


# split_indices ------------------------------------------------------------------------------------------
def not_shuffled(n, val_size, seed):
    return np.arange(val_size, n), np.arange(val_size)


def seed_ignored_unseeded(n, val_size, seed):
    order = np.random.default_rng().permutation(n)
    return order[val_size:], order[:val_size]


def seed_ignored_fixed_seed(n, val_size, seed):
    order = np.random.default_rng(0).permutation(n)
    return order[val_size:], order[:val_size]


def seed_ignored_global_rng(n, val_size, seed):
    order = np.random.permutation(n)
    return order[val_size:], order[:val_size]


def train_is_everything(n, val_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    return order, order[:val_size]


def swapped(n, val_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    return order[:val_size], order[val_size:]


def drawn_with_replacement(n, val_size, seed):
    val = np.random.default_rng(seed).choice(n, size=val_size)
    return np.setdiff1d(np.arange(n), val), val


def shuffled_twice(n, val_size, seed):
    rng = np.random.default_rng(seed)
    return rng.permutation(n)[val_size:], rng.permutation(n)[:val_size]


def random_block(n, val_size, seed):
    start = int(np.random.default_rng(seed).integers(0, n - val_size + 1))
    val = np.arange(start, start + val_size)
    return np.setdiff1d(np.arange(n), val), val


def last_samples(n, val_size, seed):
    return np.arange(n - val_size), np.arange(n - val_size, n)


def stdlib_random(n, val_size, seed):
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order[val_size:], order[:val_size]


def seeded_global_rng(n, val_size, seed):
    np.random.seed(seed)
    order = np.random.permutation(n)
    return order[val_size:], order[:val_size]


def validation_from_the_end(n, val_size, seed):
    order = np.random.default_rng(seed).permutation(n)
    return order[:n - val_size], order[n - val_size:]


def choice_without_replacement(n, val_size, seed):
    val = np.random.default_rng(seed).choice(n, size=val_size, replace=False)
    return np.setdiff1d(np.arange(n), val), val


def ndarray_int64(n, val_size, seed):
    order = nd.array(np.random.default_rng(seed).permutation(n), dtype="int64")
    return order[val_size:], order[:val_size]


def mxnet_seeded_shuffle(n, val_size, seed):
    mx.random.seed(seed)
    order = nd.random.shuffle(nd.arange(n))
    return order[val_size:], order[:val_size]


WRONG = {
    "best_epoch": [
        (counted_from_0, "np.argmin without + 1"),
        (argmax_as_for_accuracy, "argmax, as for an accuracy"),
        (last_epoch, "the last epoch"),
        (first_rise, "the epoch before the first rise (misses a deeper second dip)"),
        (lowest_loss_itself, "returned the lowest loss, not its epoch"),
        (last_of_equal_lowest, "<= in the loop: the last of equal lowest losses"),
        (argsort_first, "np.argsort(losses)[0] + 1: the default sort doesn't keep ties in order (the review's D14)"),
    ],
    "stopping_epoch": [
        (look_ahead, "argmin + 1 + patience: uses the future"),
        (rises_against_the_previous_epoch, "counts rises against the previous epoch, not against the best"),
        (never_resets_the_count, "never resets the count at a new best"),
        (one_epoch_late, "waited > patience: one epoch late"),
        (equal_counts_as_better, "loss <= best: an equal loss counts as a new best"),
        (returned_the_best_epoch, "returned the best epoch instead of the stopping one"),
        (counted_from_0_stop, "epochs counted from 0"),
        (forgot_the_end, "returns None when it never stops"),
        (with_min_delta(1e-3), "a new best must beat the best by min_delta 1e-3 (the review's D8)"),
        (with_min_delta(1e-4), "a new best must beat the best by min_delta 1e-4 (the review's D8)"),
    ],
    "split_indices": [
        (not_shuffled, "not shuffled: the first val_size samples"),
        (seed_ignored_unseeded, "seed ignored: default_rng() without it"),
        (seed_ignored_fixed_seed, "seed ignored: always seed 0"),
        (seed_ignored_global_rng, "seed ignored: np.random.permutation unseeded"),
        (train_is_everything, "training set is the whole permutation (overlaps validation)"),
        (swapped, "(validation, train) swapped"),
        (drawn_with_replacement, "rng.choice with replacement: duplicates"),
        (shuffled_twice, "two different permutations for the two sets"),
        (random_block, "a contiguous block at a random start"),
        (last_samples, "not shuffled: the last val_size samples"),
    ],
}

RIGHT = {
    "best_epoch": [
        (list_index, "losses.index(min(losses)) + 1"),
        (strict_loop, "a loop keeping the first strictly lower loss"),
        (min_over_epochs, "min over epochs with key="),
    ],
    "stopping_epoch": [
        (sliding_window, "no new best in the last `patience` epochs (a sliding window)"),
        (running_best_in_numpy, "np.minimum.accumulate for the running best"),
        (epoch_of_the_last_best, "epochs since the last best"),
    ],
    "split_indices": [
        (stdlib_random, "random.Random(seed).shuffle, returning lists"),
        (seeded_global_rng, "np.random.seed(seed) then np.random.permutation"),
        (validation_from_the_end, "validation from the end of the permutation"),
        (choice_without_replacement, "choice without replacement, train from setdiff1d (sorted)"),
        (ndarray_int64, "int64 NDArrays (the review's D9)"),
        (mxnet_seeded_shuffle, "mx.random.seed(seed), nd.random.shuffle: float32 NDArrays of whole numbers"),
    ],
}
