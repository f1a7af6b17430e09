"""The data loaders: real MXNet classes, verified checksums, clear errors, no lost files."""

import gzip
import os
import shutil

import pytest

from helpers import cache, data

MNIST_FILES = data.FILES[True] + data.FILES[False]


def copy_from_project(private_cache, name, files):
    """Copy some verified files of the project's cache into the private cache."""
    (private_cache / name).mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(cache.PROJECT_ROOT / "data" / name / f, private_cache / name / f)


def test_mnist_loads_through_mxnets_class():
    train, test = data.load_dataset("mnist", train=True), data.load_dataset("mnist", train=False)
    assert isinstance(train, data.vision.MNIST) and (len(train), len(test)) == (60000, 10000)
    X, y = data.load_arrays("mnist", train=False)
    assert X.shape == (10000, 1, 28, 28) and X.dtype.__name__ == "float32"
    assert 0 <= X.min().asscalar() and X.max().asscalar() == 1.0
    assert y[:5].asnumpy().tolist() == [7, 2, 1, 0, 4]


def test_fashion_mnist_current_release_is_accepted():
    X, y = data.load_arrays("fashion-mnist", train=False)
    assert X.shape == (10000, 1, 28, 28) and sorted(set(y.asnumpy().astype(int))) == list(range(10))
    assert len(data.FASHION_CLASSES) == 10


def test_missing_files_offline_give_a_clear_error(private_cache, offline):
    with pytest.raises(cache.DataUnavailableError) as err:
        data.load_dataset("mnist", train=False)
    message = str(err.value)
    assert "mnist/t10k-images-idx3-ubyte.gz" in message and "helpers.cache fetch" in message
    assert "ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz: ConnectionError" in message


def test_a_corrupt_file_is_reported_and_left_alone(private_cache, offline):
    copy_from_project(private_cache, "mnist", data.FILES[False])
    bad = private_cache / "mnist" / "t10k-labels-idx1-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:-10] + b"0123456789")
    before = bad.read_bytes()
    with pytest.raises(cache.CorruptFileError, match="t10k-labels-idx1-ubyte.gz is corrupt"):
        data.load_dataset("mnist", train=False)
    assert bad.read_bytes() == before  # not deleted, not overwritten by a download


def test_a_truncated_gzip_is_reported(private_cache, offline):
    copy_from_project(private_cache, "mnist", data.FILES[False])
    bad = private_cache / "mnist" / "t10k-images-idx3-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:100_000])
    with pytest.raises(cache.CorruptFileError, match="t10k-images"):
        data.load_dataset("mnist", train=False)
    with pytest.raises(EOFError):  # proof that the file really is broken
        gzip.decompress(bad.read_bytes())


def test_read_only_cache_without_the_files_gives_a_clear_error(private_cache, offline, monkeypatch):
    private_cache.mkdir()
    private_cache.chmod(0o555)
    if os.geteuid() == 0:  # root ignores file permissions: make folder creation fail as it would
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(private_cache / "mnist"))
        monkeypatch.setattr(os, "makedirs", refuse)
    try:
        with pytest.raises(cache.DataUnavailableError, match="mnist/t10k"):
            data.load_dataset("mnist", train=False)
    finally:
        private_cache.chmod(0o755)


def test_read_only_cache_with_good_files_still_loads(private_cache, offline):
    copy_from_project(private_cache, "mnist", data.FILES[False])
    for path in [*(private_cache / "mnist").iterdir(), private_cache / "mnist", private_cache]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert len(data.load_dataset("mnist", train=False)) == 10000
    finally:
        for path in [private_cache, private_cache / "mnist"]:
            path.chmod(0o755)


def test_unknown_dataset_name_is_rejected():
    with pytest.raises(ValueError, match="unknown data set 'cifar'"):
        data.load_dataset("cifar")


def test_split_is_seeded_disjoint_and_complete():
    X, y = data.load_arrays("mnist", train=False)
    (Xt, yt), (Xv, yv) = data.split(X, y, val_size=2000, seed=1)
    (_, yt2), (_, yv2) = data.split(X, y, val_size=2000, seed=1)
    assert (Xt.shape[0], Xv.shape[0]) == (8000, 2000)
    assert (yv.asnumpy() == yv2.asnumpy()).all() and (yt.asnumpy() == yt2.asnumpy()).all()
    rows = {tuple(row) for row in Xv.reshape((2000, -1)).asnumpy()[:, 200:260]}
    assert not any(tuple(row) in rows for row in Xt.reshape((8000, -1)).asnumpy()[:300, 200:260] if row.any())
    assert sorted(yt.asnumpy().tolist() + yv.asnumpy().tolist()) == sorted(y.asnumpy().tolist())


@pytest.mark.parametrize("val_size", [0, -5, 10000, 20000])
def test_split_rejects_impossible_sizes(val_size):
    X, y = data.load_arrays("mnist", train=False)
    with pytest.raises(ValueError, match="val_size must be between 1 and 9999"):
        data.split(X, y, val_size)


def test_subset_is_seeded_and_validated():
    X, y = data.load_arrays("mnist", train=False)
    a, b = data.subset(X, y, 50, seed=3)[1], data.subset(X, y, 50, seed=3)[1]
    assert a.shape == (50,) and (a.asnumpy() == b.asnumpy()).all()
    with pytest.raises(ValueError, match="size must be between 1 and 10000"):
        data.subset(X, y, 0)
