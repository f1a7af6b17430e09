"""Notebook 08's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import math

import numpy as np
from mxnet import gluon, nd

REFERENCE = [[2, -1, -1], [-1, 2, -1], [-1, -1, 2]]


def conv_parameters_by_building_the_layer(in_channels, out_channels, kernel):
    layer = gluon.nn.Conv2D(out_channels, kernel, in_channels=in_channels)
    layer.initialize()
    return sum(p.data().size for p in layer.collect_params().values())


WRONG = {
    "diagonal_lines": [
        ([[1, 0, -1], [0, 0, 0], [-1, 0, 1]], "only the corners: ↙ responds as much as ↘"),
        (np.fliplr(REFERENCE).tolist(), "flipped left-right: a ↙ detector"),
        ([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "an all-direction Laplacian"),
        ([[0, -1, 0], [-1, 4, -1], [0, -1, 0]], "the 4-neighbour Laplacian"),
        ([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], "a diagonal edge (Sobel) detector instead of a line detector"),
        ([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]], "a horizontal line detector"),
        ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], "the diagonal alone: flat areas respond"),
        ([[1, -1, 0], [-1, 2, -1], [0, -1, 1]], "a thin diagonal: ↙ still at 50%"),
        ([2, -1, -1, -1, 2, -1, -1, -1, 2], "9 weights in one flat list"),
    ],
    "output_size": [
        (lambda s, k, p=0, st=1: (s + 2 * p - k) / st + 1, "true division: a float"),
        (lambda s, k, p=0, st=1: math.ceil((s + 2 * p - k) / st) + 1, "rounds up (ceil)"),
        (lambda s, k, p=0, st=1: (s + p - k) // st + 1, "padding counted once"),
        (lambda s, k, p=0, st=1: (s + 2 * p - k) // st, "forgot the + 1"),
        (lambda s, k, p=0, st=1: (s + 2 * p - k + 1) // st, "(size + 2p - k + 1) // stride"),
        (lambda s, k, p=0, st=1: round((s + 2 * p - k) / st) + 1, "rounds to nearest"),
        (lambda s, k, p=0, st=1: (s + 2 * (k // 2) - k) // st + 1, "assumes 'same' padding k // 2"),
        (lambda s, k, p=0, st=1: (s + 2 * p - k) + 1, "ignores the stride"),
        (lambda s, k, p=0, st=1: (s - k) // st + 1 + 2 * p, "adds the padding after the stride"),
    ],
    "conv_parameters": [
        (lambda c_in, c_out, k: c_in * c_out * k * k, "forgot the biases"),
        (lambda c_in, c_out, k: c_in * c_out * k * k + c_in, "one bias per input channel"),
        (lambda c_in, c_out, k: c_out * k * k + c_out, "one kernel per output only (input channels forgotten)"),
        (lambda c_in, c_out, k: c_in * c_out * k + c_out, "kernel instead of kernel²"),
        (lambda c_in, c_out, k: (c_in + 1) * c_out * k * k, "a bias per kernel position, like (in + 1)·out"),
        (lambda c_in, c_out, k: c_in * c_out * k * k + c_in * c_out, "one bias per kernel"),
        (lambda c_in, c_out, k: c_out * c_out * k * k + c_out, "assumes as many input as output channels"),
    ],
}

RIGHT = {
    "diagonal_lines": [
        ((np.array(REFERENCE) / 10).tolist(), "the reference divided by 10"),
        (np.array(REFERENCE, dtype="float64") * 0.5, "numpy float64, halved"),
        (nd.array(REFERENCE).reshape((1, 1, 3, 3)), "an MXNet weight of shape (1, 1, 3, 3)"),
        ([[-2, 1, 1], [1, -2, 1], [1, 1, -2]], "negated: a dark-line detector"),
    ],
    "output_size": [
        (lambda s, k, p=0, st=1: int((s + 2 * p - k) / st) + 1, "int() of a true division"),
        (lambda s, k, p=0, st=1: math.floor((s + 2 * p - k) / st) + 1, "math.floor"),
        (lambda s, k, p=0, st=1: len(range(0, s + 2 * p - k + 1, st)), "counting the kernel's positions"),
        (lambda s, k, p=0, st=1: np.int64((s + 2 * p - k + st) // st), "(n + stride) // stride, numpy int"),
    ],
    "conv_parameters": [
        (lambda c_in, c_out, k: (c_in * k * k + 1) * c_out, "(weights of one filter + 1) × filters"),
        (lambda c_in, c_out, k: float(np.prod([c_in, c_out, k, k]) + c_out), "a float from np.prod"),
        (conv_parameters_by_building_the_layer, "building the Gluon layer and counting"),
    ],
}
