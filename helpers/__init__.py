"""Shared plumbing for the course's notebooks: threads, device, data, training loop, plots, widgets.

Import `helpers` before `mxnet`: it tells MXNet to use every CPU core (see helpers.threads).
"""

from helpers.threads import use_all_cores

use_all_cores()

__all__ = ["use_all_cores"]
