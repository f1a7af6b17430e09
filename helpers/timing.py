"""Timing a call the way MXNet needs it: warm up first, wait for the result, take the median (notebooks 09 and 13)."""

import time
from collections.abc import Callable

import numpy as np

from helpers.checks import int_in_range


def median_seconds(call: Callable[[], object], repeats: int) -> float:
    """Median wall time of `call()` over `repeats` runs after one warm-up run (introduced in notebook 09).

    `call` must wait for its result (e.g. `lambda: net(x).wait_to_read()`): MXNet computes asynchronously.
    """
    repeats = int_in_range("repeats", repeats, 1, 1_000_000)
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return float(np.median(times))
