import mxnet as mx

from helpers import context


def test_try_gpu_falls_back_to_cpu_without_gpu(monkeypatch):
    monkeypatch.setattr(mx.context, "num_gpus", lambda: 0)
    assert context.try_gpu() == mx.cpu()


def test_try_gpu_picks_the_gpu_when_one_is_present(monkeypatch):
    monkeypatch.setattr(mx.context, "num_gpus", lambda: 1)
    assert context.try_gpu() == mx.gpu(0)
    assert context.try_gpu(1) == mx.cpu()  # there is no second GPU


def test_describe_names_the_cpu_and_its_cores():
    line = context.describe(mx.cpu())
    assert line.startswith("cpu(0): ") and "cores" in line and "\n" not in line
    assert context.cpu_name() in line


def test_describe_names_the_gpu(monkeypatch):
    monkeypatch.setattr(context, "gpu_name", lambda i: "NVIDIA Test GPU")
    assert context.describe(mx.gpu(0)) == "gpu(0): NVIDIA Test GPU"
