"""Give MXNet all the CPU cores it may use (run by `import helpers`; notebook 00 explains why).

MXNet 1.9.1 starts one OpenMP thread per *two* cores unless OMP_NUM_THREADS is set, which halves
the speed of a 2-core laptop. The variable only counts if it is set before mxnet is imported.
"May use" counts a CPU quota too: a JupyterHub or Kubernetes limit of 1 CPU on a 64-core node is a
cgroup quota (cpu.max), which the process's core list doesn't show; 64 threads there would crawl.
"""

import math
import os
import sys
import warnings
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def _cgroup_dirs(root: Path) -> list[Path]:
    """The folders of this process's cgroup and of each parent up to the root (v2, then v1's cpu controller)."""
    dirs = []
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            base = root if controllers == "" else root / "cpu" if "cpu" in controllers.split(",") else None
            if base is not None:
                here = base / path.lstrip("/")
                dirs += [here, *[p for p in here.parents if p.is_relative_to(base)]]
    except (OSError, ValueError):
        pass
    return dirs or [root, root / "cpu"]


def cpu_quota(root: Path = CGROUP_ROOT) -> float | None:
    """CPUs this process may use by its cgroup quota (e.g. 1.5), the tightest of its cgroups; None if unlimited."""
    quotas = []
    for folder in _cgroup_dirs(root):
        try:
            if (folder / "cpu.max").is_file():                                   # cgroup v2: "150000 100000"
                quota, period = (folder / "cpu.max").read_text().split()[:2]
            else:                                                                # cgroup v1
                quota = (folder / "cpu.cfs_quota_us").read_text().strip()
                period = (folder / "cpu.cfs_period_us").read_text().strip()
        except (OSError, ValueError):
            continue
        if quota not in ("max", "-1") and int(period) > 0:
            quotas.append(int(quota) / int(period))
    return min(quotas) if quotas else None


def available_cores() -> int:
    """Cores this process may run on: its core list (container and taskset limits), capped by a CPU quota."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, math.ceil(quota))) if quota else cores


def use_all_cores() -> str:
    """Set OMP_NUM_THREADS to the core count unless the user already chose; returns the value in force."""
    if "OMP_NUM_THREADS" not in os.environ:
        if "mxnet" in sys.modules:
            warnings.warn("mxnet was imported before helpers: it keeps its default thread count. "
                          "Restart the kernel and import helpers first.", stacklevel=2)
        os.environ["OMP_NUM_THREADS"] = str(available_cores())
    return os.environ["OMP_NUM_THREADS"]
