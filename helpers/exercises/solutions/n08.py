"""Notebook 08 · MLP vs CNN: exercises, their checks and reference solutions."""

import functools

import mxnet as mx
import numpy as np
from mxnet import gluon

from helpers.exercises.checking import Wrong, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)

DIAGONAL_LINES = [[2, -1, -1],
                  [-1, 2, -1],
                  [-1, -1, 2]]


def respond(kernel, image):
    """The kernel slid over the image as nd.Convolution does (cross-correlation, no padding), in numpy."""
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3))
    return np.einsum("ijkl,kl->ij", windows, kernel)


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
    if kernel.size == 9 and kernel.ndim > 2 and kernel.squeeze().shape == (3, 3):
        kernel = kernel.squeeze()                     # an MXNet weight of shape (1, 1, 3, 3) is a 3x3 kernel too
    if kernel.shape != (3, 3):
        raise Wrong(f"a 3x3 kernel, please (3 rows of 3 weights, nested lists): got shape {kernel.shape}")
    if not np.all(np.isfinite(kernel)):
        raise Wrong("your kernel contains NaN or infinity")
    size = np.abs(kernel).sum()
    if size == 0:
        raise Wrong("all 9 weights are 0: nothing responds")
    flat, lines = line_images(RNG)
    if abs(kernel.sum()) > 1e-4 * size:
        raise Wrong(f"on a flat grey image the response must be 0, yours is {respond(kernel, flat).max():.3g}: "
                    f"make the 9 weights sum to 0 (they sum to {kernel.sum():.3g})")
    strength = {name: np.abs(respond(kernel, image)).max() for name, image in lines.items()}
    if strength["↘ diagonal"] <= 1e-6 * size:
        raise Wrong("a ↘ diagonal line gives no response: give the kernel's ↘ diagonal the largest weights")
    advice = {"↙ diagonal": "weigh the ↘ diagonal more than the ↙ one", "horizontal": "make every row sum to 0",
              "vertical": "make every column sum to 0"}
    worst = max(advice, key=lambda line: strength[line])     # the line that responds most, named first
    if strength[worst] >= 0.4 * strength["↘ diagonal"]:
        raise Wrong(f"a {worst} line responds {strength[worst] / strength['↘ diagonal']:.0%} as strongly as the "
                    f"↘ diagonal (under 40% wanted): {advice[worst]}")


def output_size(size, kernel, padding=0, stride=1):
    """Side of a convolution's (or pooling's) output: (size + 2·padding - kernel) // stride + 1."""
    return (size + 2 * padding - kernel) // stride + 1


FIXED_SIZES = [(28, 5, 0, 1), (32, 3, 1, 1), (32, 3, 1, 2), (9, 3, 1, 2), (11, 3, 0, 3), (224, 7, 3, 2),
               (7, 3, 1, 3)]   # (size, kernel, padding, stride): LeNet, "same" padding, strides that don't divide


@functools.lru_cache(maxsize=4096)
def mxnet_output_size(size, kernel, padding, stride):
    """The side of MXNet's Convolution output, from its own shape rule (nothing is computed)."""
    convolution = mx.sym.Convolution(mx.sym.var("x"), kernel=(kernel, kernel), stride=(stride, stride),
                                     pad=(padding, padding), num_filter=1, no_bias=True)
    return convolution.infer_shape(x=(1, 1, size, size))[1][0][2]


def check_output_size(answer):
    rng = RNG
    cases = list(FIXED_SIZES)
    for _ in range(2):
        kernel, stride = int(rng.integers(1, 6)), int(rng.integers(1, 4))
        cases.append((int(rng.integers(kernel, 40)), kernel, int(rng.integers(0, kernel)), stride))
    for size, kernel, padding, stride in cases:
        real = mxnet_output_size(size, kernel, padding, stride)
        got = call_answer(answer, size, kernel, padding, stride)
        where = f"size {size}, kernel {kernel}, padding {padding}, stride {stride}"
        if isinstance(got, (float, np.floating)):
            raise Wrong(f"{where}: you returned the float {got}; a side is a whole number of pixels: return an int "
                        "(use // or int(...), not /)")
        if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
            raise Wrong(f"{where}: return an int, not {type(got).__name__}")
        if got != real:
            raise Wrong(f"{where}: MXNet's output is {real} wide, you computed {got}")


def conv_parameters(in_channels, out_channels, kernel):
    """Learnable numbers of a Conv2D: one kernel per (input, output) channel pair, plus one bias per output."""
    return in_channels * out_channels * kernel * kernel + out_channels


FIXED_LAYERS = [(1, 6, 5), (6, 16, 5), (3, 16, 3), (16, 8, 1)]   # (in, out, kernel): LeNet's, a 3x3 and a 1x1


@functools.lru_cache(maxsize=4096)
def gluon_parameters(c_in, c_out, k):
    """The numbers a real Gluon Conv2D holds, from its parameters' shapes (nothing is computed)."""
    layer = gluon.nn.Conv2D(c_out, k, in_channels=c_in)
    return sum(int(np.prod(p.shape)) for p in layer.collect_params().values())


def check_conv_parameters(answer):
    rng = RNG
    cases = list(FIXED_LAYERS)
    for _ in range(2):
        cases.append((int(rng.integers(1, 33)), int(rng.integers(1, 33)), int(rng.integers(1, 6))))
    for c_in, c_out, k in cases:
        same_values(call_answer(answer, c_in, c_out, k), gluon_parameters(c_in, c_out, k),
                    f"Conv2D({c_out}, {k}) on {c_in} input channels", 0)


DIAGONAL_RULE = ("Checked on a flat grey image and on thin lines (↘, ↙, horizontal, vertical) at random offsets: "
                 "the 9 weights must sum to 0 (within 1e-4 of the sum of their sizes), and each other line must "
                 "respond less than 40% as strongly as the ↘ line. Only ratios count: any scale, sign or dtype "
                 "works.")
OUTPUT_SIZE_RULE = ("Return an int (a float such as 24.0 is refused: use //); checked against MXNet's Convolution on "
                    "fixed cases (strides that don't divide, padding on both sides) and random ones.")
CONV_PARAMETERS_RULE = ("Count weights and biases (Conv2D has a bias by default); checked exactly against the "
                        "parameters of a real Gluon Conv2D, on fixed and random layer sizes.")


define("08", "diagonal_lines",
       "Give a 3x3 kernel (nested lists) for ↘ diagonal lines: 0 on flat areas, under 40% for other lines.\n"
       + DIAGONAL_RULE,
       check_diagonal_lines,
       ("Positive weights where a ↘ line would pass through the 3x3 patch, negative elsewhere.",
        "A horizontal or vertical line covers one row or one column: make each row and each column sum to 0."),
       DIAGONAL_LINES, "flat areas give 0, a ↘ line a strong response, other lines far weaker ones.")
define("08", "output_size",
       "Write output_size(size, kernel, padding=0, stride=1): the side of a convolution's output.\n"
       + OUTPUT_SIZE_RULE,
       check_output_size,
       ("Padding adds `padding` pixels on each side; the kernel needs `kernel` pixels to fit.",
        "(size + 2 * padding - kernel) // stride + 1"),
       output_size, "the formula behind every shape in LeNet's table.")
define("08", "conv_parameters",
       "Write conv_parameters(in_channels, out_channels, kernel): the learnable numbers of a Conv2D layer.\n"
       + CONV_PARAMETERS_RULE,
       check_conv_parameters,
       ("Each output channel has one kernel x kernel grid per input channel, and one bias.",),
       conv_parameters, "and it doesn't depend on the image size: that is weight sharing.")
