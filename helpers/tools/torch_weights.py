"""Read the tensors of a PyTorch weight file without PyTorch, and without trusting it (the build scripts).

A `.pth` file is a pickle, and unpickling runs whatever code the file names. This reader admits only
what a file of weights needs (an ordered dict, tensor rebuilding, float/int storages) and refuses
anything else, so a tampered file fails instead of running code. Both of PyTorch's formats are read:
the zip format (torch >= 1.6) and the legacy sequence of pickles.
"""

import io
import pickle
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np

STORAGE_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "HalfStorage": np.float16,
                  "LongStorage": np.int64, "IntStorage": np.int32, "ByteStorage": np.uint8}
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


class UnsafeWeightsError(pickle.UnpicklingError):
    """The file asks to run something other than rebuilding tensors; it is refused, never executed."""


def _rebuild_tensor(storage, offset, size, stride, *_ignored) -> np.ndarray:
    """torch._utils._rebuild_tensor(_v2) on a numpy storage: a strided view (copied once all is read)."""
    itemsize = storage.itemsize
    return np.lib.stride_tricks.as_strided(storage[offset:], shape=tuple(size),
                                           strides=tuple(s * itemsize for s in stride))


class _WeightsUnpickler(pickle.Unpickler):
    """An unpickler whose find_class admits tensor rebuilding and storage types only."""

    def __init__(self, file, load_storage):
        super().__init__(file)
        self._load_storage = load_storage

    def find_class(self, module: str, name: str):
        if (module, name) == ("collections", "OrderedDict"):
            return OrderedDict
        if module == "torch._utils" and name in ("_rebuild_tensor", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name in STORAGE_DTYPES:
            return name
        raise UnsafeWeightsError(f"refusing to load {module}.{name}: a weight file should not need it")

    def persistent_load(self, saved_id):
        kind, storage_type, key, _location, numel = saved_id[:5]
        if kind != "storage" or storage_type not in STORAGE_DTYPES:
            raise UnsafeWeightsError(f"unexpected persistent object {saved_id[:2]!r}")
        return self._load_storage(key, np.dtype(STORAGE_DTYPES[storage_type]), numel)


def _load_zip(path: Path) -> dict:
    """The zip format: data.pkl plus one raw file per storage under data/."""
    with zipfile.ZipFile(path) as archive:
        prefix = next(n for n in archive.namelist() if n.endswith("data.pkl"))[: -len("data.pkl")]

        storages: dict[str, np.ndarray] = {}

        def load_storage(key, dtype, _numel):  # one buffer per key: tensors may share a storage
            if key not in storages:
                storages[key] = np.frombuffer(archive.read(f"{prefix}data/{key}"), dtype=dtype)
            return storages[key]

        return _WeightsUnpickler(io.BytesIO(archive.read(f"{prefix}data.pkl")), load_storage).load()


def _load_legacy(path: Path) -> dict:
    """The legacy format: magic, version, sys info, the object, storage keys, then each storage's bytes."""
    with open(path, "rb") as f:
        if _WeightsUnpickler(f, None).load() != LEGACY_MAGIC:
            raise UnsafeWeightsError(f"{path.name} is not a PyTorch weight file")
        _version, _sys_info = _WeightsUnpickler(f, None).load(), _WeightsUnpickler(f, None).load()
        storages: dict[str, np.ndarray] = {}

        def load_storage(key, dtype, numel):  # one buffer per key: tensors may share a storage
            return storages.setdefault(key, np.empty(numel, dtype=dtype))  # filled after the object's pickle

        state = _WeightsUnpickler(f, load_storage).load()
        for key in _WeightsUnpickler(f, None).load():
            count = int(np.frombuffer(f.read(8), dtype="<i8")[0])
            data = np.frombuffer(f.read(count * storages[key].itemsize), dtype=storages[key].dtype)
            if data.size != storages[key].size:
                raise ValueError(f"{path.name} is truncated (storage {key})")
            storages[key][:] = data
        return state


def load_state_dict(path: str | Path) -> "OrderedDict[str, np.ndarray]":
    """The {name: numpy array} weights of a PyTorch `.pth`/`.pt` file, read without running its code."""
    path = Path(path)
    state = _load_zip(path) if zipfile.is_zipfile(path) else _load_legacy(path)
    if not isinstance(state, dict):
        raise UnsafeWeightsError(f"{path.name} holds a {type(state).__name__}, not a dict of weights")
    return OrderedDict((name, np.array(value)) for name, value in state.items())  # own, contiguous copies
