"""Notebook 08 · MLP vs CNN: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import gluon, nd

from helpers.exercises.checking import Wrong, as_numpy, same_values
from helpers.exercises.exercise import define

DIAGONAL_LINES = [[2, -1, -1],
                  [-1, 2, -1],
                  [-1, -1, 2]]


def respond(kernel, image):
    k = nd.array(as_numpy(kernel)).reshape((1, 1, 3, 3))
    return nd.Convolution(nd.array(image).reshape((1, 1, *image.shape)), k, kernel=(3, 3), num_filter=1,
                          no_bias=True)[0, 0].asnumpy()


def line_images(rng):
    """A flat grey image and the same image with a bright 1-pixel line: ↘ diagonal, horizontal, vertical, ↙."""
    level, offset = rng.uniform(0.1, 0.5), int(rng.integers(-3, 4))
    flat = np.full((16, 16), level)
    lines = {name: flat.copy() for name in ("↘ diagonal", "horizontal", "vertical", "↙ diagonal")}
    for i in range(16):
        for name, (row, col) in {"↘ diagonal": (i, i + offset), "horizontal": (8 + offset, i),
                                 "vertical": (i, 8 + offset), "↙ diagonal": (i, 15 - i + offset)}.items():
            if 0 <= col < 16:
                lines[name][row, col] += 0.5
    return flat, lines


def check_diagonal_lines(answer):
    kernel = as_numpy(answer)
    if kernel.shape != (3, 3):
        raise Wrong(f"a 3x3 kernel, please: got shape {kernel.shape}")
    flat, lines = line_images(np.random.default_rng())
    if np.abs(respond(kernel, flat)).max() > 1e-4:
        raise Wrong("on a flat grey image the response must be 0: make the 9 weights sum to 0")
    strength = {name: np.abs(respond(kernel, image)).max() for name, image in lines.items()}
    if strength["↘ diagonal"] < 0.5:
        raise Wrong(f"a ↘ diagonal line gives a response of only {strength['↘ diagonal']:.2f}: "
                    "give the kernel's ↘ diagonal the largest weights")
    for other, advice in (("horizontal", "make every row sum to 0"), ("vertical", "make every column sum to 0"),
                          ("↙ diagonal", "weigh the ↘ diagonal more than the ↙ one")):
        if strength[other] > 0.4 * strength["↘ diagonal"]:
            raise Wrong(f"a {other} line responds too ({strength[other]:.2f} vs {strength['↘ diagonal']:.2f} "
                        f"for the ↘ diagonal): {advice}")


def output_size(size, kernel, padding=0, stride=1):
    """Side of a convolution's (or pooling's) output: (size + 2·padding - kernel) // stride + 1."""
    return (size + 2 * padding - kernel) // stride + 1


def check_output_size(answer):
    rng = np.random.default_rng()
    for _ in range(6):
        kernel, stride = int(rng.integers(1, 6)), int(rng.integers(1, 4))
        size, padding = int(rng.integers(kernel, 40)), int(rng.integers(0, kernel))
        x = nd.zeros((1, 1, size, size))
        real = nd.Convolution(x, nd.zeros((1, 1, kernel, kernel)), kernel=(kernel, kernel), stride=(stride, stride),
                              pad=(padding, padding), num_filter=1, no_bias=True).shape[2]
        got = answer(size, kernel, padding, stride)
        if got != real:
            raise Wrong(f"size {size}, kernel {kernel}, padding {padding}, stride {stride}: MXNet's output is "
                        f"{real} wide, you computed {got}")


def conv_parameters(in_channels, out_channels, kernel):
    """Learnable numbers of a Conv2D: one kernel per (input, output) channel pair, plus one bias per output."""
    return in_channels * out_channels * kernel * kernel + out_channels


def check_conv_parameters(answer):
    rng = np.random.default_rng()
    for _ in range(4):
        c_in, c_out, k = int(rng.integers(1, 33)), int(rng.integers(1, 33)), int(rng.integers(1, 6))
        layer = gluon.nn.Conv2D(c_out, k, in_channels=c_in)
        layer.initialize()
        real = sum(p.data().size for p in layer.collect_params().values())
        same_values(answer(c_in, c_out, k), real, f"Conv2D({c_out}, {k}) on {c_in} input channels", 0)


define("08", "diagonal_lines",
       "Give a 3x3 kernel (nested lists) for ↘ diagonal lines: 0 on flat areas, under 40% for other lines.",
       check_diagonal_lines,
       ("Positive weights where a ↘ line would pass through the 3x3 patch, negative elsewhere.",
        "A horizontal or vertical line covers one row or one column: make each row and each column sum to 0."),
       DIAGONAL_LINES, "flat areas give 0, a ↘ line a strong response, other lines far weaker ones.")
define("08", "output_size",
       "Write output_size(size, kernel, padding=0, stride=1): the side of a convolution's output.",
       check_output_size,
       ("Padding adds `padding` pixels on each side; the kernel needs `kernel` pixels to fit.",
        "(size + 2 * padding - kernel) // stride + 1"),
       output_size, "the formula behind every shape in LeNet's table.")
define("08", "conv_parameters",
       "Write conv_parameters(in_channels, out_channels, kernel): the learnable numbers of a Conv2D layer.",
       check_conv_parameters,
       ("Each output channel has one kernel x kernel grid per input channel, and one bias.",),
       conv_parameters, "and it doesn't depend on the image size: that is weight sharing.")
