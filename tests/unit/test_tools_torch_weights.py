"""Reading PyTorch weight files without PyTorch: tensors come back exact, code in a file is refused."""

import io
import os
import pickle
import sys
import types
import zipfile
from collections import OrderedDict

import numpy as np
import pytest

from helpers.tools.torch_weights import LEGACY_MAGIC, UnsafeWeightsError, load_state_dict


@pytest.fixture
def fake_torch(monkeypatch):
    """A stand-in `torch` module, just enough for pickle to write the names a real .pth file holds."""
    torch, utils = types.ModuleType("torch"), types.ModuleType("torch._utils")
    torch.FloatStorage = type("FloatStorage", (), {"__module__": "torch"})
    def _rebuild_tensor_v2(*args):
        raise AssertionError("never called while writing")
    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "torch._utils", utils)
    return torch, utils


class Tensor:
    """Pickles like a torch tensor: a rebuild call over a storage with offset, shape and strides."""

    def __init__(self, rebuild, storage, offset, shape, stride):
        self.args = (rebuild, (storage, offset, shape, stride, False, OrderedDict()))

    def __reduce__(self):
        return self.args


def write_legacy(torch, utils, storage: np.ndarray, tensors: dict) -> bytes:
    """A legacy-format .pth: magic, version, sys info, the state dict, its storage keys, the raw storage."""
    f, key = io.BytesIO(), "140"
    for header in (LEGACY_MAGIC, 1001, {"little_endian": True}):
        pickle.dump(header, f, protocol=2)
    marker = object()

    class StoragePickler(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", torch.FloatStorage, key, "cpu", storage.size, None) if obj is marker else None

    state = OrderedDict((name, Tensor(utils._rebuild_tensor_v2, marker, *spec)) for name, spec in tensors.items())
    StoragePickler(f, protocol=2).dump(state)
    pickle.dump([key], f, protocol=2)
    f.write(np.int64(storage.size).tobytes() + storage.astype("<f4").tobytes())
    return f.getvalue()


def test_a_legacy_file_gives_exact_tensors_with_offsets_and_strides(fake_torch, tmp_path):
    storage = np.arange(10, dtype="float32")
    path = tmp_path / "w.pth"
    path.write_bytes(write_legacy(*fake_torch, storage, {"w": (0, (2, 3), (3, 1)), "wT": (0, (3, 2), (1, 3)),
                                                         "b": (6, (4,), (1,))}))
    state = load_state_dict(path)
    assert list(state) == ["w", "wT", "b"]
    assert np.array_equal(state["w"], storage[:6].reshape(2, 3)) and np.array_equal(state["wT"], state["w"].T)
    assert np.array_equal(state["b"], [6, 7, 8, 9]) and state["b"].dtype == np.float32
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(ValueError, match="truncated"):
        load_state_dict(path)


class RunsCode:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_a_file_that_would_run_code_is_refused(tmp_path, monkeypatch):
    calls = []
    legacy = tmp_path / "evil.pth"
    legacy.write_bytes(b"".join(pickle.dumps(x, protocol=2) for x in (LEGACY_MAGIC, 1001, {})) +
                       pickle.dumps(OrderedDict(w=RunsCode()), protocol=2))
    with pytest.raises(UnsafeWeightsError, match="refusing to load (posix|os).system"):
        load_state_dict(legacy)
    packed = tmp_path / "evil_zip.pth"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("archive/data.pkl", pickle.dumps({"w": RunsCode()}, protocol=2))
    monkeypatch.setattr(os, "system", calls.append)  # had the reader run it, we would see it here
    with pytest.raises(UnsafeWeightsError, match="refusing to load"):
        load_state_dict(legacy)
    with pytest.raises(UnsafeWeightsError, match="refusing to load"):
        load_state_dict(packed)
    assert calls == []


def test_a_file_that_is_not_weights_is_refused(tmp_path):
    path = tmp_path / "notes.pth"
    path.write_bytes(pickle.dumps("hello", protocol=2))
    with pytest.raises(UnsafeWeightsError, match="not a PyTorch weight file"):
        load_state_dict(path)
