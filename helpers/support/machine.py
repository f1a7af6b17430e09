"""What machine this is: the CPU's name and vector instructions, the GPU's name, emulation.

Read once here for every user: `helpers.context.describe` (the line atop the notebooks) and the
benchmark's report (`python -m helpers.tools.bench`), so the two always agree, on Linux, macOS and Arm.
"""

import os
import platform
import subprocess

from helpers.support.threads import available_cores

# (flag in /proc/cpuinfo or sysctl, name, bits per vector register), widest first
VECTOR_EXTENSIONS = (("avx512f", "AVX-512", 512), ("avx2", "AVX2", 256), ("avx", "AVX", 256), ("sve", "SVE", 128),
                     ("asimd", "NEON", 128), ("neon", "NEON", 128), ("sse4_2", "SSE4.2", 128),
                     ("sse4.2", "SSE4.2", 128), ("sse2", "SSE2", 128))


def _sysctl(name: str) -> str:
    """A macOS sysctl value ('' elsewhere or when unknown)."""
    try:
        return subprocess.run(["sysctl", "-n", name], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def cpu_name() -> str:
    """The CPU's model name from /proc/cpuinfo, macOS's sysctl, or platform's guess elsewhere."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return _sysctl("machdep.cpu.brand_string") or platform.processor() or platform.machine()


def cpu_flags() -> set[str]:
    """The CPU's instruction-set flags, lower case: /proc/cpuinfo on Linux (x86 and Arm), sysctl on macOS."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.split(":")[0].strip() in ("flags", "Features"):
                    return set(line.split(":", 1)[1].lower().split())
    except OSError:
        pass
    return set(f"{_sysctl('machdep.cpu.features')} {_sysctl('machdep.cpu.leaf7_features')}".lower().split())


def vector_extension(flags: set[str] | None = None) -> tuple[str, int]:
    """The widest vector instructions and their register width in bits, e.g. ('AVX-512', 512): timings
    compare only between CPUs of the same kind, and oneDNN picks its kernels by this."""
    flags = cpu_flags() if flags is None else flags
    return next(((name, bits) for flag, name, bits in VECTOR_EXTENSIONS if flag in flags),
                ("unknown vector width", 0))


def gpu_name(i: int = 0) -> str:
    """The GPU's name as the NVIDIA driver reports it, or 'GPU i' if nvidia-smi is unavailable."""
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader", f"-i={i}"],
                             capture_output=True, text=True, timeout=10, check=True)
        return out.stdout.strip() or f"GPU {i}"
    except (OSError, subprocess.SubprocessError):
        return f"GPU {i}"


def under_emulation() -> bool:
    """True for x86-64 Python translated by Rosetta 2 on an Apple Silicon Mac (slower; notebook 00 warns)."""
    return platform.system() == "Darwin" and _sysctl("sysctl.proc_translated") == "1"


def platform_line() -> str:
    """OS, architecture and vector width, e.g. 'Linux x86_64, AVX-512'."""
    emulated = ", emulated by Rosetta 2" if under_emulation() else ""
    return f"{platform.system()} {platform.machine()}, {vector_extension()[0]}{emulated}"


def cpu_description() -> dict[str, object]:
    """This CPU's model name, widest vector instructions (and their bits per register), core count and the
    MXNet threads in force: what the notebooks' first line and the benchmark's report say."""
    vector, bits = vector_extension()
    return {"model": cpu_name(), "vector": vector, "vector_bits": bits, "cores": available_cores(),
            "threads": os.environ.get("OMP_NUM_THREADS", "default")}


def cpu_line() -> str:
    """The CPU in one line, e.g. 'Intel Xeon ... (2 cores, 2 MXNet threads; Linux x86_64, AVX-512)'."""
    cpu = cpu_description()
    return f"{cpu['model']} ({cpu['cores']} cores, {cpu['threads']} MXNet threads; {platform_line()})"
