"""helpers.context: the device to compute on, and the line that describes it atop the notebooks."""

from helpers import context

import mxnet as mx

from helpers.support import machine


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
    assert machine.cpu_name() in line


def test_describe_names_the_platform_and_vector_width(monkeypatch):
    monkeypatch.setattr(machine, "cpu_flags", lambda: {"fpu", "sse4_2", "avx", "avx2", "avx512f"})
    assert context.describe(mx.cpu()).endswith(f"{machine.platform.system()} {machine.platform.machine()}, AVX-512)")


def test_describe_names_the_gpu(monkeypatch):
    monkeypatch.setattr(context, "gpu_name", lambda i: "NVIDIA Test GPU")   # describe's own name for it
    assert context.describe(mx.gpu(0)) == "gpu(0): NVIDIA Test GPU"


def test_the_emulation_warning_points_to_the_container(monkeypatch):
    assert "container" in context.EMULATION_WARNING
    monkeypatch.setattr(machine.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(machine, "_sysctl", lambda name: "1" if name == "sysctl.proc_translated" else "")
    assert context.under_emulation()                  # the notebooks ask helpers.context
