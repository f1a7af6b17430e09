"""Notebook 06 · loss surfaces and saddle points: exercises, their checks and reference solutions."""

import numpy as np

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def gradient_descent(gradient, start, lr, steps):
    """Positions (steps + 1, 2) of plain gradient descent from `start`: w <- w - lr * gradient(w)."""
    path = [np.asarray(start, dtype="float64")]
    for _ in range(steps):
        path.append(path[-1] - lr * gradient(path[-1]))
    return np.array(path)


def check_gradient_descent(answer):
    rng = np.random.default_rng()
    a, b = rng.uniform(0.5, 3, 2)
    bowl = lambda w: np.array([2 * a * w[0], 2 * b * w[1]])   # noqa: E731  f = a x² + b y²
    saddle = lambda w: np.array([2 * w[0], -2 * w[1]])         # noqa: E731  f = x² - y²
    for name, gradient in ((f"{a:.2f}x² + {b:.2f}y²", bowl), ("x² - y²", saddle)):
        start = rng.uniform(-2, 2, 2)
        got = answer(gradient, start.copy(), 0.1, 20)
        same_values(got, gradient_descent(gradient, start, 0.1, 20), f"on {name} from {np.round(start, 3).tolist()}")


def critical_point_kind(a, b, c):
    """Minimum, maximum or saddle at (0, 0) of f = a x² + b x y + c y², from the Hessian's eigenvalues."""
    eigenvalues = np.linalg.eigvalsh([[2 * a, b], [b, 2 * c]])
    if np.all(eigenvalues > 0):
        return "minimum"
    if np.all(eigenvalues < 0):
        return "maximum"
    return "saddle"


def check_critical_point_kind(answer):
    rng = np.random.default_rng()
    cases = [(1.0, 0.0, 1.0), (1.0, 0.0, -1.0), (-2.0, 1.0, -1.0), (1.0, 3.0, 1.0)]
    cases += [tuple(np.round(rng.uniform(-3, 3, 3), 2)) for _ in range(6)]
    for a, b, c in cases:
        if abs(4 * a * c - b * b) < 0.05:
            continue   # too close to flat to call
        got, wanted = answer(a, b, c), critical_point_kind(a, b, c)
        if got != wanted:
            raise Wrong(f"f = {a}x² + {b}xy + {c}y² has a {wanted} at (0, 0), you said {got!r}"
                        + (" (the xy term matters: look at both eigenvalues)" if b and wanted == "saddle" else ""))


def interpolate(theta0, theta1, alpha):
    """Weights on the straight line from theta0 (alpha 0) to theta1 (alpha 1), layer by layer."""
    return [(1 - alpha) * w0 + alpha * w1 for w0, w1 in zip(theta0, theta1, strict=True)]


def check_interpolate(answer):
    rng = np.random.default_rng()
    theta0 = [rng.normal(size=(3, 2)), rng.normal(size=3)]
    theta1 = [rng.normal(size=(3, 2)), rng.normal(size=3)]
    for alpha in (0.0, 1.0, float(rng.uniform(-0.5, 1.5))):
        got = answer(theta0, theta1, alpha)
        if len(got) != 2:
            raise Wrong(f"return one array per layer (2 here), got {len(got)}")
        for layer, (mine, truth) in enumerate(zip(got, interpolate(theta0, theta1, alpha), strict=True)):
            same_values(mine, truth, f"alpha = {alpha:.3g}, layer {layer}")


define("06", "gradient_descent",
       "Write gradient_descent(gradient, start, lr, steps): the (steps + 1, 2) path of plain gradient descent.",
       check_gradient_descent,
       ("Keep a list of positions starting with `start`; each step appends a new one.",
        "new = old - lr * gradient(old); return np.array(path)."),
       gradient_descent, "and on x² - y² you can watch it slide off the saddle only along y.")
define("06", "critical_point_kind",
       "Write critical_point_kind(a, b, c): 'minimum', 'maximum' or 'saddle' at (0, 0) of a x² + b xy + c y².",
       check_critical_point_kind,
       ("The Hessian (matrix of second derivatives) is [[2a, b], [b, 2c]].",
        "All eigenvalues positive: minimum; all negative: maximum; mixed signs: saddle (np.linalg.eigvalsh)."),
       critical_point_kind, "the Hessian's eigenvalues tell a minimum from a saddle.")
define("06", "interpolate",
       "Write interpolate(theta0, theta1, alpha): the list of layer weights (1 - alpha) θ0 + alpha θ1.",
       check_interpolate,
       ("Do the same arithmetic for each layer's array, pairing them with zip.",),
       interpolate, "the straight line through weight space that notebook 06's 1-D slice walks along.")
