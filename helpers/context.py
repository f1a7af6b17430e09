"""Pick the device to compute on: the GPU when there is one, else the CPU (notebook 00)."""

import os
import platform
import subprocess

import mxnet as mx

from helpers.threads import available_cores


def try_gpu(i: int = 0) -> mx.Context:
    """Return mx.gpu(i) if that GPU exists, else mx.cpu(), so every cell also runs on a laptop."""
    return mx.gpu(i) if mx.context.num_gpus() > i else mx.cpu()


def cpu_name() -> str:
    """The CPU's model name from /proc/cpuinfo (or platform's guess elsewhere)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def gpu_name(i: int = 0) -> str:
    """The GPU's name as the NVIDIA driver reports it, or 'GPU i' if nvidia-smi is unavailable."""
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader", f"-i={i}"],
                             capture_output=True, text=True, timeout=10, check=True)
        return out.stdout.strip() or f"GPU {i}"
    except (OSError, subprocess.SubprocessError):
        return f"GPU {i}"


def describe(ctx: mx.Context) -> str:
    """One line that says what `ctx` is, e.g. 'cpu(0): Intel Xeon ... (2 cores, 2 MXNet threads)'."""
    if ctx.device_type == "gpu":
        return f"{ctx}: {gpu_name(ctx.device_id)}"
    threads = os.environ.get("OMP_NUM_THREADS", "default")
    return f"{ctx}: {cpu_name()} ({available_cores()} cores, {threads} MXNet threads)"
