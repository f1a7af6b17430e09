"""MNIST and Fashion-MNIST through MXNet's own dataset classes, checksum-verified, kept in memory.

Notebook 02 introduces the data; the training notebooks use `load_arrays()` and `split()`.
"""

import mxnet as mx
import numpy as np
from mxnet import nd
from mxnet.gluon.data import dataset as gluon_dataset
from mxnet.gluon.data import vision

from helpers.cache import cached_file, sha1_of

FILES = {True: ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
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
        tuples = [(name, files.get(name, "")) for name in FILES[True] + FILES[False]]
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
    paths = {f: cached_file(f"{name}/{f}") for f in FILES[train]}
    return DATASETS[name](str(paths[FILES[train][0]].parent), train,
                          {f: sha1_of(path) for f, path in paths.items()}, name)


def load_arrays(name: str = "mnist", train: bool = True,
                ctx: mx.Context | None = None) -> tuple[nd.NDArray, nd.NDArray]:
    """The whole set as float32 images (N, 1, 28, 28) scaled to [0, 1] and float32 labels (N,).

    Transforming the whole array once is ~40% faster than a per-sample transform in a DataLoader.
    """
    images, labels = load_dataset(name, train)[:]
    ctx = ctx or mx.cpu()
    X = images.as_in_context(ctx).transpose((0, 3, 1, 2)).astype("float32") / 255
    return X, nd.array(labels, ctx=ctx, dtype="float32")


def split(X: nd.NDArray, y: nd.NDArray, val_size: int, seed: int = 0):
    """Carve a validation set of `val_size` random samples out of (X, y); returns (train, val) pairs."""
    n = X.shape[0]
    if not 0 < val_size < n:
        raise ValueError(f"val_size must be between 1 and {n - 1} (the data has {n} samples), got {val_size}")
    order = nd.array(np.random.default_rng(seed).permutation(n), ctx=X.context, dtype="int64")
    val, train = order[:val_size], order[val_size:]
    return (X.take(train), y.take(train)), (X.take(val), y.take(val))


def subset(X: nd.NDArray, y: nd.NDArray, size: int, seed: int = 0) -> tuple[nd.NDArray, nd.NDArray]:
    """A random subset of `size` samples, the same for the same seed (for quick experiments)."""
    n = X.shape[0]
    if not 0 < size <= n:
        raise ValueError(f"size must be between 1 and {n}, got {size}")
    order = nd.array(np.random.default_rng(seed).permutation(n)[:size], ctx=X.context, dtype="int64")
    return X.take(order), y.take(order)
