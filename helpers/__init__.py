"""What the course's notebooks teach with: devices, data, models, the training loop, plots, widgets.

Teaching modules sit here, one idea each; the plumbing they stand on lives in subpackages
(ARCHITECTURE.md draws the map): cache/ (data files), exercises/ (checked exercises),
support/ (threads, argument checks, the fast training step) and tools/ (benchmark and build tools).
Import `helpers` before `mxnet`: it tells MXNet to use every CPU core (notebook 00 explains why).
"""

from helpers.support.threads import use_all_cores

use_all_cores()

__all__ = ["use_all_cores"]
