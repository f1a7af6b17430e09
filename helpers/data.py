"""MNIST and Fashion-MNIST through MXNet's own dataset classes, checksum-verified, kept in memory.

Notebook 02 introduces the data; the training notebooks use `load_splits()` (or `load_arrays()` and
`split()`), and `batches()` hands out shuffled mini-batches (written out by hand once in notebook 04).
"""

from collections.abc import Iterator

import mxnet as mx
import numpy as np
from mxnet import nd
from mxnet.gluon.data import dataset as gluon_dataset
from mxnet.gluon.data import vision

from helpers.cache import cached_file, sha1_of
from helpers.support.arguments import int_in_range

IDX_FILES = {True: ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
         False: ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")}
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


class VerifiedFiles:
    """Mixin for MXNet's dataset classes: read files that helpers.cache has already fetched and verified.

    MXNet checks each file against a sha1 hard-coded in 1.9.1 and re-downloads over it on a mismatch (for
    Fashion-MNIST that is the 2017 release); we give it the sha1s of the verified files instead.
    """

    def __init__(self, root: str, train: bool, files: dict[str, str], namespace: str):
        self._train, self._namespace = train, namespace
        tuples = [(name, files.get(name, "")) for name in IDX_FILES[True] + IDX_FILES[False]]
        self._train_data, self._train_label, self._test_data, self._test_label = tuples
        gluon_dataset._DownloadedDataset.__init__(self, root, None)


class MNIST(VerifiedFiles, vision.MNIST):
    """mxnet.gluon.data.vision.MNIST over verified cached files."""


class FashionMNIST(VerifiedFiles, vision.FashionMNIST):
    """mxnet.gluon.data.vision.FashionMNIST over verified cached files (Zalando's current release)."""


DATASETS = {"mnist": MNIST, "fashion-mnist": FashionMNIST}


def load_dataset(name: str = "mnist", train: bool = True) -> gluon_dataset.Dataset:
    """MXNet's own MNIST / FashionMNIST object for the cache folder data/<name>/ (notebook 02).

    Missing files are downloaded and verified by helpers.cache; a corrupt file raises CorruptFileError.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(DATASETS)}")
    paths = {f: cached_file(f"{name}/{f}") for f in IDX_FILES[train]}
    return DATASETS[name](str(paths[IDX_FILES[train][0]].parent), train,
                          {f: sha1_of(path) for f, path in paths.items()}, name)


def load_arrays(name: str = "mnist", train: bool = True,
                ctx: mx.Context | None = None) -> tuple[nd.NDArray, nd.NDArray]:
    """The whole set as float32 images (N, 1, 28, 28) scaled to [0, 1] and float32 labels (N,).

    Transforming the whole array once is ~40% faster than a per-sample transform in a DataLoader.
    Introduced in notebook 03.
    """
    images, labels = load_dataset(name, train)[:]
    ctx = ctx or mx.cpu()
    X = images.as_in_context(ctx).transpose((0, 3, 1, 2)).astype("float32") / 255
    return X, nd.array(labels, ctx=ctx, dtype="float32")


def shuffled_rows(n: int, rng: np.random.Generator, ctx: mx.Context) -> nd.NDArray:
    """The row numbers 0..n-1 in the random order `rng` draws, as an index array on `ctx` (for `batches`,
    `split` and `subset`)."""
    return nd.array(rng.permutation(n), ctx=ctx, dtype="int64")


def take_rows(rows: nd.NDArray, *arrays: nd.NDArray) -> tuple[nd.NDArray, ...]:
    """The same `rows` of each array: a shuffled batch, a split or a subset."""
    return tuple(a.take(rows) for a in arrays)


def split(X: nd.NDArray, y: nd.NDArray, val_size: int, seed: int = 0):
    """Carve a validation set of `val_size` random samples out of (X, y); returns (train, val) pairs."""
    n = X.shape[0]
    if not 0 < val_size < n:
        raise ValueError(f"val_size must be between 1 and {n - 1} (the data has {n} samples), got {val_size}")
    order = shuffled_rows(n, np.random.default_rng(seed), X.context)
    return take_rows(order[val_size:], X, y), take_rows(order[:val_size], X, y)


def load_splits(name: str = "mnist", val_size: int = 10_000, seed: int = 0, ctx: mx.Context | None = None):
    """(train, validation, test) pairs of (X, y): the training set minus `val_size` random samples held out
    for validation, and the official test set (notebook 05 explains why three).
    """
    train, val = split(*load_arrays(name, train=True, ctx=ctx), val_size=val_size, seed=seed)
    return train, val, load_arrays(name, train=False, ctx=ctx)


def batches(*arrays: nd.NDArray, batch_size: int, rng: np.random.Generator,
            drop_last: bool = True) -> Iterator[tuple[nd.NDArray, ...]]:
    """Shuffled mini-batches: the same random rows of each array, `batch_size` at a time (notebook 04).

    The last incomplete batch is dropped unless `drop_last=False`, so every step sees `batch_size` samples.
    """
    n = arrays[0].shape[0]
    if any(a.shape[0] != n for a in arrays):
        raise ValueError(f"the arrays must have the same number of rows, got {[a.shape[0] for a in arrays]}")
    batch_size = int_in_range("batch size", batch_size, 1, n)
    order = shuffled_rows(n, rng, arrays[0].context)
    stop = n - batch_size + 1 if drop_last else n
    for start in range(0, stop, batch_size):
        yield take_rows(order[start:start + batch_size], *arrays)


def subset(X: nd.NDArray, y: nd.NDArray, size: int, seed: int = 0) -> tuple[nd.NDArray, nd.NDArray]:
    """A random subset of `size` samples, the same for the same seed (for quick experiments).

    Introduced in notebook 04.
    """
    n = X.shape[0]
    if not 0 < size <= n:
        raise ValueError(f"size must be between 1 and {n}, got {size}")
    return take_rows(shuffled_rows(n, np.random.default_rng(seed), X.context)[:size], X, y)
