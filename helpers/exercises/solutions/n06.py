"""Notebook 06 · loss surfaces and saddle points: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n06.py lists the mistakes it must catch.
"""

import numpy as np

from helpers.exercises.checking import NotAttempted, Wrong, as_numpy, is_blank, same_values
from helpers.exercises.exercise import define


def gradient_descent(gradient, start, lr, steps):
    """Positions (steps + 1, 2) of plain gradient descent from `start`: w <- w - lr * gradient(w)."""
    path = [np.asarray(start, dtype="float64")]
    for _ in range(steps):
        path.append(path[-1] - lr * gradient(path[-1]))
    return np.array(path)


def saddle(w):
    """Gradient of f = x² - y²."""
    return np.array([2 * w[0], -2 * w[1]])


def coupled(w):
    """Gradient of f = x² + x y + 2 y² + sin x: each coordinate's slope depends on the other one."""
    return np.array([2 * w[0] + w[1] + np.cos(w[0]), w[0] + 4 * w[1]])


def bowl(a, b):
    """Gradient of f = a x² + b y²."""
    return lambda w: np.array([2 * a * w[0], 2 * b * w[1]])


def descent_cases(rng):
    """(name, gradient, start, lr, steps): fixed ones first, then random bowls and saddles."""
    a, b = rng.uniform(0.5, 3, 2)
    return [("x² - y²", saddle, np.array([1.0, 0.5]), 0.1, 20),
            ("x² + xy + 2y² + sin x", coupled, np.array([0.3, -1.2]), 0.15, 6),
            ("x² + 3y²", bowl(1.0, 3.0), np.array([-1.5, 2.0]), 0.1, 5),
            ("x² + 3y²", bowl(1.0, 3.0), np.array([0.7, -0.2]), 0.1, 0),   # no step: just the start
            (f"{a:.2f}x² + {b:.2f}y²", bowl(a, b), rng.uniform(-2, 2, 2), 0.1, 20),
            ("x² - y²", saddle, rng.uniform(-2, 2, 2), float(rng.uniform(0.05, 0.3)), 10)]


def check_gradient_descent(answer):
    for name, gradient, start, lr, steps in descent_cases(np.random.default_rng()):
        got = answer(gradient, start.copy(), lr, steps)
        if is_blank(got):
            raise NotAttempted
        what = f"on {name} from {np.round(start, 3).tolist()}, lr = {lr:.3g}, {steps} steps"
        path = as_numpy(got)
        if steps > 1 and path.ndim == 2 and len(path) == steps + 1 and np.all(path == path[-1]):
            raise Wrong(f"{what}: every row of your path is the same point: you appended one array and then "
                        "changed it in place (w -= ...); append a new array each step (w = w - ...)")
        same_values(got, gradient_descent(gradient, start, lr, steps), what)


def critical_point_kind(a, b, c):
    """Minimum, maximum or saddle at (0, 0) of f = a x² + b x y + c y², from the Hessian's eigenvalues."""
    eigenvalues = np.linalg.eigvalsh([[2 * a, b], [b, 2 * c]])
    if np.all(eigenvalues > 0):
        return "minimum"
    if np.all(eigenvalues < 0):
        return "maximum"
    return "saddle"


FIXED_QUADRATICS = [(1.0, 1.5, 1.0),     # b²/4 < ac < b²: a minimum, though ac - b² < 0
                    (-1.0, 1.5, -1.0),   # the same, a maximum
                    (0.5, -1.2, 1.0),    # b²/4 < ac < b² with a negative b
                    (1.0, 3.0, 1.0),     # b²/16 < ac < b²/4: a saddle, though both squares point up
                    (2.0, 0.0, -0.5), (-1.0, 0.0, 0.5),   # saddles along the axes
                    (0.0, 1.0, 0.0),     # f = xy
                    (1.0, 0.0, 1.0), (-2.0, 1.0, -1.0), (3.0, 0.5, -0.2)]
KINDS = ("minimum", "maximum", "saddle")


def check_critical_point_kind(answer):
    rng = np.random.default_rng()
    cases = FIXED_QUADRATICS + [tuple(float(v) for v in np.round(rng.uniform(-3, 3, 3), 2)) for _ in range(8)]
    for a, b, c in cases:
        if abs(4 * a * c - b * b) < 0.05:
            continue   # too close to flat to call
        got, wanted = answer(a, b, c), critical_point_kind(a, b, c)
        if is_blank(got):
            raise NotAttempted
        if got not in KINDS:
            raise Wrong(f"return one of the strings 'minimum', 'maximum' or 'saddle', written just so, not {got!r}")
        if got != wanted:
            raise Wrong(f"f = {a}x² + {b}xy + {c}y² has a {wanted} at (0, 0), you said {got!r}"
                        + (" (the xy term matters: look at both eigenvalues of [[2a, b], [b, 2c]])" if b else ""))


def interpolate(theta0, theta1, alpha):
    """Weights on the straight line from theta0 (alpha 0) to theta1 (alpha 1), layer by layer."""
    return [(1 - alpha) * w0 + alpha * w1 for w0, w1 in zip(theta0, theta1, strict=True)]


def network_weights(rng, shapes):
    return [rng.normal(size=shape) for shape in shapes]


def check_interpolate(answer):
    rng = np.random.default_rng()
    fixed = np.random.default_rng(6)
    shapes = [(3, 2), (3,), (2, 3), (2,)][:int(rng.integers(2, 5))]
    cases = [(network_weights(fixed, [(2, 3), (3,), (1,)]), network_weights(fixed, [(2, 3), (3,), (1,)]), alpha)
             for alpha in (0.25, 0.0, 1.0, -0.5, 1.5)]
    cases.append((network_weights(rng, shapes), network_weights(rng, shapes), float(rng.uniform(-0.5, 1.5))))
    for theta0, theta1, alpha in cases:
        given0, given1 = [w.copy() for w in theta0], [w.copy() for w in theta1]
        try:
            got = answer(given0, given1, alpha)
        except TypeError as error:
            if "sequence" in str(error) or "unsupported operand" in str(error):
                raise Wrong(f"theta0 and theta1 are Python lists of arrays ({error}): combine them layer by "
                            "layer, pairing the arrays with zip") from None
            raise
        if is_blank(got):
            raise NotAttempted
        what = f"alpha = {alpha:.3g}"
        for name, before, after in (("theta0", theta0, given0), ("theta1", theta1, given1)):
            if not all(np.array_equal(w, v) for w, v in zip(before, after, strict=True)):
                raise Wrong(f"{what}: your function changed {name}'s arrays: build new ones (the notebook calls "
                            "it for many alphas with the same two networks)")
        got = list(got) if not isinstance(got, np.ndarray) or got.dtype == object else [got]   # (layers as objects)
        if len(got) != len(theta0):
            raise Wrong(f"{what}: return one array per layer ({len(theta0)} here), got {len(got)}")
        for layer, (mine, truth) in enumerate(zip(got, interpolate(theta0, theta1, alpha), strict=True)):
            same_values(mine, truth, f"{what}, layer {layer}")


DESCENT_RULE = ("Return a numpy array (or a nested list) of floats, the first row `start`; the check compares "
                "every position to within 1e-5, with 0 steps too.")
KIND_RULE = ("Return one of the three strings exactly as written; f is checked where it is clearly curved "
             "(|4ac - b²| ≥ 0.05).")
INTERPOLATE_RULE = ("Return a list (or tuple) with one new array per layer and leave theta0 and theta1 "
                    "unchanged; alpha may lie outside [0, 1]; checked to within 1e-5.")

define("06", "gradient_descent",
       "Write gradient_descent(gradient, start, lr, steps): the (steps + 1, 2) path of plain gradient descent. "
       f"{DESCENT_RULE}",
       check_gradient_descent,
       ("Keep a list of positions starting with `start`; each step appends a new one.",
        "new = old - lr * gradient(old); return np.array(path)."),
       gradient_descent, "and on x² - y² you can watch it slide off the saddle only along y.")
define("06", "critical_point_kind",
       "Write critical_point_kind(a, b, c): 'minimum', 'maximum' or 'saddle' at (0, 0) of a x² + b xy + c y². "
       f"{KIND_RULE}",
       check_critical_point_kind,
       ("The Hessian (matrix of second derivatives) is [[2a, b], [b, 2c]].",
        "All eigenvalues positive: minimum; all negative: maximum; mixed signs: saddle (np.linalg.eigvalsh)."),
       critical_point_kind, "the Hessian's eigenvalues tell a minimum from a saddle.")
define("06", "interpolate",
       f"Write interpolate(theta0, theta1, alpha): the list of layer weights (1 - alpha) θ0 + alpha θ1. "
       f"{INTERPOLATE_RULE}",
       check_interpolate,
       ("Do the same arithmetic for each layer's array, pairing them with zip.",),
       interpolate, "the straight line through weight space that notebook 06's 1-D slice walks along.")
