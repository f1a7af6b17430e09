"""Pick the device to compute on: the GPU when there is one, else the CPU (notebook 00)."""

import os
import platform
import subprocess

import mxnet as mx

from helpers.threads import available_cores


def try_gpu(i: int = 0) -> mx.Context:
    """Return mx.gpu(i) if that GPU exists, else mx.cpu(), so every cell also runs on a laptop.

    Introduced in notebook 00.
    """
    return mx.gpu(i) if mx.context.num_gpus() > i else mx.cpu()


def cpu_name() -> str:
    """The CPU's model name from /proc/cpuinfo (or platform's guess elsewhere).

    Behind the scenes from notebook 00 on.
    """
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return _sysctl("machdep.cpu.brand_string") or platform.processor() or platform.machine()


def gpu_name(i: int = 0) -> str:
    """The GPU's name as the NVIDIA driver reports it, or 'GPU i' if nvidia-smi is unavailable.

    Behind the scenes from notebook 00 on.
    """
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader", f"-i={i}"],
                             capture_output=True, text=True, timeout=10, check=True)
        return out.stdout.strip() or f"GPU {i}"
    except (OSError, subprocess.SubprocessError):
        return f"GPU {i}"


def _sysctl(name: str) -> str:
    """A macOS sysctl value ('' elsewhere or when unknown)."""
    try:
        return subprocess.run(["sysctl", "-n", name], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def cpu_flags() -> set[str]:
    """The CPU's instruction-set flags, lower case: /proc/cpuinfo on Linux, sysctl on macOS.

    Behind the scenes from notebook 00 on.
    """
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.split(":")[0].strip() in ("flags", "Features"):
                    return set(line.split(":", 1)[1].lower().split())
    except OSError:
        pass
    return set(f"{_sysctl('machdep.cpu.features')} {_sysctl('machdep.cpu.leaf7_features')}".lower().split())


def vector_width(flags: set[str] | None = None) -> str:
    """The widest vector instructions the CPU has (AVX-512, AVX2, NEON, ...): timings compare only
    between CPUs of the same kind, and oneDNN picks its kernels by this (notebook 00, README)."""
    flags = cpu_flags() if flags is None else flags
    for flag, name in (("avx512f", "AVX-512"), ("avx2", "AVX2"), ("avx", "AVX"), ("sve", "SVE"),
                       ("asimd", "NEON"), ("neon", "NEON"), ("sse4_2", "SSE4.2"), ("sse4.2", "SSE4.2")):
        if flag in flags:
            return name
    return "unknown vector width"


def under_emulation() -> bool:
    """True for x86-64 Python translated by Rosetta 2 on an Apple Silicon Mac (slower, see README).

    Introduced in notebook 00.
    """
    return platform.system() == "Darwin" and _sysctl("sysctl.proc_translated") == "1"


def platform_line() -> str:
    """OS, architecture and vector width, e.g. 'Linux x86_64, AVX-512'. Behind the scenes from notebook 00 on."""
    emulated = ", emulated by Rosetta 2" if under_emulation() else ""
    return f"{platform.system()} {platform.machine()}, {vector_width()}{emulated}"


EMULATION_WARNING = ("This Python is x86-64 code translated by Rosetta 2 on an Apple Silicon Mac: it works, but "
                     "runs 2-5x slower than the README's timings. Faster: the course's Linux container (README, "
                     "'Your computer'), which runs natively on arm64.")


def describe(ctx: mx.Context) -> str:
    """One line that says what `ctx` is, e.g. 'cpu(0): Intel Xeon ... (2 cores, 2 MXNet threads; Linux x86_64,
    AVX-512)', so a learner comparing timings with the README knows what they compare (notebook 00)."""
    if ctx.device_type == "gpu":
        return f"{ctx}: {gpu_name(ctx.device_id)}"
    threads = os.environ.get("OMP_NUM_THREADS", "default")
    return f"{ctx}: {cpu_name()} ({available_cores()} cores, {threads} MXNet threads; {platform_line()})"
