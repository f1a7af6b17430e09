"""MNIST and Fashion-MNIST through MXNet's own dataset classes, checksum-verified, kept in memory.

Notebook 02 introduces the data; the training notebooks use `load_arrays()` and `split()`.
"""

import mxnet as mx
import numpy as np
from mxnet import nd
from mxnet.gluon.data import dataset as gluon_dataset
from mxnet.gluon.data.vision import MNIST, FashionMNIST

from helpers.cache import KNOWN_FILES, CorruptFileError, DataUnavailableError, data_root, how_to_get, sha1_of

FILES = {True: ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
         False: ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")}
ALL_FILES = FILES[True] + FILES[False]
MNIST_SHA1 = {f: KNOWN_FILES[f"mnist/{f}"][0] for f in ALL_FILES}
FASHION_CURRENT_SHA1 = {f: KNOWN_FILES[f"fashion-mnist/{f}"][0] for f in ALL_FILES}
# The 2017 release that mxnet 1.9.1 hard-codes and downloads (before Zalando removed duplicates).
FASHION_2017_SHA1 = dict(zip(ALL_FILES, (
    "0cf37b0d40ed5169c6b3aba31069a9770ac9043d", "236021d52f1e40852b06a4c3008d8de8aef1e40b",
    "626ed6a7c06dd17c0eec72fa3be1740f146a2863", "17f9ab60e7257a1620f4ad76bbbaf857c3920701"), strict=True))
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


class FashionMNISTCurrent(FashionMNIST):
    """MXNet's FashionMNIST, checking the sha1s of Zalando's current release instead of 2017's."""

    def __init__(self, root: str, train: bool = True, transform=None):
        self._train = train
        self._train_data, self._train_label, self._test_data, self._test_label = FASHION_CURRENT_SHA1.items()
        self._namespace = "fashion-mnist"
        gluon_dataset._DownloadedDataset.__init__(self, root, transform)


RELEASES = {"mnist": [(MNIST, MNIST_SHA1)],
            "fashion-mnist": [(FashionMNISTCurrent, FASHION_CURRENT_SHA1), (FashionMNIST, FASHION_2017_SHA1)]}


def _verified_class(name: str, train: bool) -> type:
    """The MXNet class whose checksums every cached file of this half matches.

    MXNet would silently re-download over a file with a wrong checksum; we refuse to use it instead.
    """
    present = {f: sha1_of(data_root() / name / f) for f in FILES[train] if (data_root() / name / f).is_file()}
    for cls, expected in RELEASES[name]:
        if all(actual == expected[f] for f, actual in present.items()):
            return cls
    bad = next(f for f, actual in present.items() if all(actual != exp[f] for _, exp in RELEASES[name]))
    raise CorruptFileError(f"{data_root() / name / bad} is corrupt (sha1 {present[bad]}, expected "
                           f"{' or '.join(exp[bad] for _, exp in RELEASES[name])}); it was not used. "
                           f"Delete it and re-run. {how_to_get(f'{name}/{bad}')}")


def load_dataset(name: str = "mnist", train: bool = True) -> gluon_dataset.Dataset:
    """MXNet's own MNIST / FashionMNIST object for the cache folder data/<name>/.

    A cache miss downloads as MXNet does (checksum verified); offline it raises DataUnavailableError.
    """
    if name not in RELEASES:
        raise ValueError(f"unknown data set {name!r}; choose one of {sorted(RELEASES)}")
    cls, root = _verified_class(name, train), data_root() / name
    try:
        return cls(root=str(root), train=train)
    except Exception as err:  # requests, mxnet and OS errors all mean: could not get the files
        missing = [f for f in FILES[train] if not (root / f).is_file()]
        if not missing:
            raise
        raise DataUnavailableError(
            f"Missing data file{'s' * (len(missing) > 1)} {', '.join(f'{name}/{f}' for f in missing)} "
            f"and the download failed ({type(err).__name__}: {err}). {how_to_get(f'{name}/{missing[0]}')}"
        ) from err


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
