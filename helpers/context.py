"""Pick the device to compute on: the GPU when there is one, else the CPU (notebook 00)."""

import mxnet as mx
from mxnet import gluon

from helpers.support.machine import cpu_line, gpu_name, under_emulation

__all__ = ["EMULATION_WARNING", "describe", "device_of", "try_gpu", "under_emulation"]

EMULATION_WARNING = ("This Python is x86-64 code translated by Rosetta 2 on an Apple Silicon Mac: it works, but "
                     "runs 2-5x slower than the README's timings. Faster: the course's Linux container (README, "
                     "'Your computer'), which runs natively on arm64.")


def try_gpu(i: int = 0) -> mx.Context:
    """Return mx.gpu(i) if that GPU exists, else mx.cpu(), so every cell also runs on a laptop.

    Introduced in notebook 00.
    """
    return mx.gpu(i) if mx.context.num_gpus() > i else mx.cpu()


def device_of(net: gluon.Block) -> mx.Context:
    """The device a network's weights live on (its first parameter's), where its inputs must go (used by `fit`,
    `evaluate` and `training_flops`)."""
    return next(iter(net.collect_params().values())).list_ctx()[0]


def describe(ctx: mx.Context) -> str:
    """One line that says what `ctx` is, e.g. 'cpu(0): Intel Xeon ... (2 cores, 2 MXNet threads; Linux x86_64,
    AVX-512)', so a learner comparing timings with the README knows what they compare (notebook 00)."""
    return f"{ctx}: {gpu_name(ctx.device_id)}" if ctx.device_type == "gpu" else f"{ctx}: {cpu_line()}"
