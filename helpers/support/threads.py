"""Give MXNet all the CPU cores (run by `import helpers`; notebook 00 explains why).

MXNet 1.9.1 starts one OpenMP thread per *two* cores unless OMP_NUM_THREADS is set, which halves
the speed of a 2-core laptop. The variable only counts if it is set before mxnet is imported.
"""

import os
import sys
import warnings


def available_cores() -> int:
    """Number of cores this process may run on (respects container and taskset limits)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def use_all_cores() -> str:
    """Set OMP_NUM_THREADS to the core count unless the user already chose; returns the value in force."""
    if "OMP_NUM_THREADS" not in os.environ:
        if "mxnet" in sys.modules:
            warnings.warn("mxnet was imported before helpers: it keeps its default thread count. "
                          "Restart the kernel and import helpers first.", stacklevel=2)
        os.environ["OMP_NUM_THREADS"] = str(available_cores())
    return os.environ["OMP_NUM_THREADS"]
