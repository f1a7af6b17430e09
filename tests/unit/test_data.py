"""The data loaders: real MXNet classes, verified checksums, clear errors, no lost files."""

from helpers import cache, data

import gzip
import os
import shutil

import mxnet as mx
import numpy as np
import pytest
from mxnet import nd

MNIST_FILES = data.IDX_FILES[True] + data.IDX_FILES[False]


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
    copy_from_project(private_cache, "mnist", data.IDX_FILES[False])
    bad = private_cache / "mnist" / "t10k-labels-idx1-ubyte.gz"
    bad.write_bytes(bad.read_bytes()[:-10] + b"0123456789")
    before = bad.read_bytes()
    with pytest.raises(cache.CorruptFileError, match="t10k-labels-idx1-ubyte.gz is corrupt"):
        data.load_dataset("mnist", train=False)
    assert bad.read_bytes() == before  # not deleted, not overwritten by a download


def test_a_truncated_gzip_is_reported(private_cache, offline):
    copy_from_project(private_cache, "mnist", data.IDX_FILES[False])
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
    copy_from_project(private_cache, "mnist", data.IDX_FILES[False])
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


def test_load_splits_gives_disjoint_train_and_validation_and_the_official_test_set():
    train, val, test = data.load_splits("mnist", val_size=10_000, seed=0)
    assert (train[0].shape[0], val[0].shape[0], test[0].shape[0]) == (50_000, 10_000, 10_000)
    again, _, _ = data.load_splits("mnist", val_size=10_000, seed=0)
    assert (again[1][:100] == train[1][:100]).min().asscalar() == 1      # same seed, same split
    train_rows = {row.tobytes() for row in train[0][:2000].reshape((2000, -1)).asnumpy()}
    assert not any(row.tobytes() in train_rows for row in val[0].reshape((10_000, -1)).asnumpy())


def test_shuffled_rows_are_a_seeded_permutation_and_take_rows_keeps_rows_together():
    rows = data.shuffled_rows(6, np.random.default_rng(4), mx.cpu())
    assert sorted(rows.asnumpy().tolist()) == list(range(6)) and rows.dtype == np.int64
    assert rows.asnumpy().tolist() == data.shuffled_rows(6, np.random.default_rng(4), mx.cpu()).asnumpy().tolist()
    X, y = nd.arange(12).reshape((6, 2)), nd.arange(6) * 10
    Xs, ys = data.take_rows(rows[:4], X, y)
    assert Xs.shape == (4, 2) and ys.asnumpy().tolist() == (rows[:4] * 10).asnumpy().tolist()
    assert (Xs[:, 0] * 5 == ys).min().asscalar() == 1                      # each x still beside its own y


def test_batches_cover_each_row_once_and_keep_rows_together():
    X = nd.arange(10).reshape((10, 1))
    y = nd.arange(10) * 10
    got = list(data.batches(X, y, batch_size=3, rng=np.random.default_rng(0)))
    assert [xb.shape[0] for xb, _ in got] == [3, 3, 3]                   # the incomplete batch is dropped
    rows = np.concatenate([xb.asnumpy()[:, 0] for xb, _ in got])
    assert len(set(rows)) == 9 and all((yb == xb[:, 0] * 10).min().asscalar() for xb, yb in got)
    kept = list(data.batches(X, y, batch_size=3, rng=np.random.default_rng(0), drop_last=False))
    assert sorted(np.concatenate([xb.asnumpy()[:, 0] for xb, _ in kept])) == list(range(10))
    assert rows.tolist() != sorted(rows.tolist())                          # shuffled


@pytest.mark.parametrize("batch_size", [0, 11, 2.5])
def test_batches_refuse_impossible_batch_sizes(batch_size):
    with pytest.raises(ValueError, match="batch size must be an integer from 1 to 10"):
        next(data.batches(nd.zeros((10, 2)), batch_size=batch_size, rng=np.random.default_rng(0)))


def test_batches_refuse_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="same number of rows"):
        next(data.batches(nd.zeros((10, 2)), nd.zeros(9), batch_size=2, rng=np.random.default_rng(0)))
