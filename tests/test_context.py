from helpers import context

import mxnet as mx


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


def test_describe_names_the_platform_and_vector_width(monkeypatch):
    monkeypatch.setattr(context, "cpu_flags", lambda: {"fpu", "sse4_2", "avx", "avx2", "avx512f"})
    assert context.describe(mx.cpu()).endswith(f"{context.platform.system()} {context.platform.machine()}, AVX-512)")
    assert context.vector_width({"sse4_2", "avx", "avx2"}) == "AVX2"
    assert context.vector_width({"fp", "asimd", "sve"}) == "SVE" and context.vector_width({"fp", "asimd"}) == "NEON"
    assert context.vector_width(set()) == "unknown vector width"


def test_rosetta_is_detected_and_explained(monkeypatch):
    monkeypatch.setattr(context.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(context, "_sysctl", lambda name: "1" if name == "sysctl.proc_translated" else "")
    assert context.under_emulation() and "emulated by Rosetta 2" in context.platform_line()
    assert "container" in context.EMULATION_WARNING
    monkeypatch.setattr(context, "_sysctl", lambda name: "0" if name == "sysctl.proc_translated" else "")
    assert not context.under_emulation()


def test_describe_names_the_gpu(monkeypatch):
    monkeypatch.setattr(context, "gpu_name", lambda i: "NVIDIA Test GPU")
    assert context.describe(mx.gpu(0)) == "gpu(0): NVIDIA Test GPU"
