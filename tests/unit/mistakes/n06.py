"""Notebook 06's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import numpy as np


# gradient_descent ---------------------------------------------------------------------------------------
def without_the_start(gradient, start, lr, steps):
    path, w = [], np.asarray(start, dtype="float64")
    for _ in range(steps):
        w = w - lr * gradient(w)
        path.append(w)
    return np.array(path).reshape(steps, 2)


def uphill(gradient, start, lr, steps):
    path = [np.asarray(start, dtype="float64")]
    for _ in range(steps):
        path.append(path[-1] + lr * gradient(path[-1]))
    return np.array(path)


def changed_in_place(gradient, start, lr, steps):
    w = np.asarray(start, dtype="float64")
    path = [w]
    for _ in range(steps):
        w -= lr * gradient(w)
        path.append(w)
    return np.array(path)


def gradient_only_at_the_start(gradient, start, lr, steps):
    g = gradient(np.asarray(start, dtype="float64"))
    return np.array([start - k * lr * g for k in range(steps + 1)])


def one_step_too_many(gradient, start, lr, steps):
    path = [np.asarray(start, dtype="float64")]
    for _ in range(steps + 1):
        path.append(path[-1] - lr * gradient(path[-1]))
    return np.array(path)


def only_the_end(gradient, start, lr, steps):
    w = np.asarray(start, dtype="float64")
    for _ in range(steps):
        w = w - lr * gradient(w)
    return w


def forgot_the_learning_rate(gradient, start, lr, steps):
    path = [np.asarray(start, dtype="float64")]
    for _ in range(steps):
        path.append(path[-1] - gradient(path[-1]))
    return np.array(path)


def one_coordinate_at_a_time(gradient, start, lr, steps):
    w = np.array(start, dtype="float64")
    path = [w.copy()]
    for _ in range(steps):
        w[0] -= lr * gradient(w)[0]
        w[1] -= lr * gradient(w)[1]
        path.append(w.copy())
    return np.array(path)


def preallocated(gradient, start, lr, steps):
    path = np.zeros((steps + 1, 2))
    path[0] = start
    for k in range(steps):
        path[k + 1] = path[k] - lr * gradient(path[k])
    return path


def nested_list(gradient, start, lr, steps):
    x, y = float(start[0]), float(start[1])
    path = [[x, y]]
    for _ in range(steps):
        gx, gy = gradient(np.array([x, y]))
        x, y = x - lr * gx, y - lr * gy
        path.append([x, y])
    return path


def copies_in_place(gradient, start, lr, steps):
    w = start.copy()
    path = [w.copy()]
    for _ in range(steps):
        w -= lr * gradient(w)
        path.append(w.copy())
    return np.stack(path)


# critical_point_kind ------------------------------------------------------------------------------------
def determinant_without_4(a, b, c):
    if a * c - b * b > 0:
        return "minimum" if a > 0 else "maximum"
    return "saddle"


def ignores_b(a, b, c):
    return "minimum" if a > 0 and c > 0 else "maximum" if a < 0 and c < 0 else "saddle"


def sign_of_a_only(a, b, c):
    return "minimum" if a > 0 else "maximum"


def hessian_without_the_2s(a, b, c):
    eigenvalues = np.linalg.eigvalsh([[a, b], [b, c]])
    return "minimum" if np.all(eigenvalues > 0) else "maximum" if np.all(eigenvalues < 0) else "saddle"


def halved_cross_term(a, b, c):
    eigenvalues = np.linalg.eigvalsh([[2 * a, b / 2], [b / 2, 2 * c]])
    return "minimum" if np.all(eigenvalues > 0) else "maximum" if np.all(eigenvalues < 0) else "saddle"


def minimum_and_maximum_swapped(a, b, c):
    eigenvalues = np.linalg.eigvalsh([[2 * a, b], [b, 2 * c]])
    return "maximum" if np.all(eigenvalues > 0) else "minimum" if np.all(eigenvalues < 0) else "saddle"


def saddle_whenever_b(a, b, c):
    if b != 0:
        return "saddle"
    return "minimum" if a > 0 and c > 0 else "maximum" if a < 0 and c < 0 else "saddle"


def capitalised(a, b, c):
    eigenvalues = np.linalg.eigvalsh([[2 * a, b], [b, 2 * c]])
    return "Minimum" if np.all(eigenvalues > 0) else "Maximum" if np.all(eigenvalues < 0) else "Saddle"


def sign_of_the_trace(a, b, c):
    return "minimum" if a + c > 0 else "maximum"


def determinant_test(a, b, c):
    if 4 * a * c - b * b > 0:
        return "minimum" if a > 0 else "maximum"
    return "saddle"


def general_eig(a, b, c):
    eigenvalues = np.linalg.eig(np.array([[2 * a, b], [b, 2 * c]]))[0].real
    if min(eigenvalues) > 0:
        return "minimum"
    return "maximum" if max(eigenvalues) < 0 else "saddle"


def eigenvalues_by_formula(a, b, c):
    mean, spread = a + c, np.sqrt((a - c) ** 2 + b * b)   # eigenvalues of [[2a, b], [b, 2c]]: mean ± spread
    low, high = mean - spread, mean + spread
    return "minimum" if low > 0 else "maximum" if high < 0 else "saddle"


# interpolate --------------------------------------------------------------------------------------------
def alpha_swapped(theta0, theta1, alpha):
    return [alpha * w0 + (1 - alpha) * w1 for w0, w1 in zip(theta0, theta1, strict=True)]


def forgot_one_minus_alpha(theta0, theta1, alpha):
    return [w0 + alpha * w1 for w0, w1 in zip(theta0, theta1, strict=True)]


def forgot_theta0(theta0, theta1, alpha):
    return [alpha * (w1 - w0) for w0, w1 in zip(theta0, theta1, strict=True)]


def forgot_alpha_on_theta1(theta0, theta1, alpha):
    return [(1 - alpha) * w0 + w1 for w0, w1 in zip(theta0, theta1, strict=True)]


def changed_theta0_in_place(theta0, theta1, alpha):
    for w0, w1 in zip(theta0, theta1, strict=True):
        w0 *= 1 - alpha
        w0 += alpha * w1
    return theta0


def lists_as_arrays(theta0, theta1, alpha):
    return (1 - alpha) * theta0 + alpha * theta1


def one_flat_array(theta0, theta1, alpha):
    flat0 = np.concatenate([w.ravel() for w in theta0])
    flat1 = np.concatenate([w.ravel() for w in theta1])
    return (1 - alpha) * flat0 + alpha * flat1


def first_layer_only(theta0, theta1, alpha):
    return [(1 - alpha) * theta0[0] + alpha * theta1[0]]


def step_from_theta0(theta0, theta1, alpha):
    return tuple(w0 + alpha * (w1 - w0) for w0, w1 in zip(theta0, theta1, strict=True))


def map_with_lambda(theta0, theta1, alpha):
    return map(lambda w0, w1: np.add((1 - alpha) * w0, alpha * w1), theta0, theta1)


def by_index(theta0, theta1, alpha):
    result = []
    for i in range(len(theta0)):
        result.append(np.asarray((1 - alpha) * theta0[i] + alpha * theta1[i], dtype="float32"))
    return result


def object_array_of_layers(theta0, theta1, alpha):
    layers0, layers1 = np.empty(len(theta0), dtype=object), np.empty(len(theta1), dtype=object)
    layers0[:], layers1[:] = theta0, theta1
    return (1 - alpha) * layers0 + alpha * layers1


WRONG = {
    "gradient_descent": [
        (without_the_start, "left out the start"),
        (uphill, "+ instead of -: gradient ascent"),
        (changed_in_place, "w -= ... on the array already in the path: every row the same"),
        (gradient_only_at_the_start, "the gradient computed once, at the start"),
        (one_step_too_many, "steps + 1 steps"),
        (only_the_end, "returned only the last position"),
        (forgot_the_learning_rate, "forgot the learning rate"),
        (one_coordinate_at_a_time, "updated x, then took y's gradient at the new x"),
    ],
    "critical_point_kind": [
        (determinant_without_4, "determinant ac - b² without its factor 4"),
        (ignores_b, "ignored the xy term"),
        (sign_of_a_only, "the sign of a only: never a saddle"),
        (hessian_without_the_2s, "Hessian written [[a, b], [b, c]]"),
        (halved_cross_term, "Hessian written [[2a, b/2], [b/2, 2c]]"),
        (minimum_and_maximum_swapped, "positive eigenvalues called a maximum"),
        (saddle_whenever_b, "a saddle whenever b ≠ 0"),
        (capitalised, "'Minimum' capitalised"),
        (sign_of_the_trace, "the sign of a + c"),
    ],
    "interpolate": [
        (alpha_swapped, "alpha θ0 + (1 - alpha) θ1: the ends swapped"),
        (forgot_one_minus_alpha, "θ0 + alpha θ1"),
        (forgot_theta0, "alpha (θ1 - θ0) without θ0"),
        (forgot_alpha_on_theta1, "(1 - alpha) θ0 + θ1"),
        (changed_theta0_in_place, "changed theta0's arrays in place"),
        (lists_as_arrays, "arithmetic on the Python lists"),
        (one_flat_array, "one flat array for all layers"),
        (first_layer_only, "only the first layer"),
    ],
}

RIGHT = {
    "gradient_descent": [
        (preallocated, "a preallocated (steps + 1, 2) array"),
        (nested_list, "a nested list of floats, x and y apart"),
        (copies_in_place, "in place on a copy of start, appending copies"),
    ],
    "critical_point_kind": [
        (determinant_test, "the determinant test 4ac - b² and the sign of a"),
        (general_eig, "np.linalg.eig"),
        (eigenvalues_by_formula, "eigenvalues by formula: a + c ± sqrt((a - c)² + b²)"),
    ],
    "interpolate": [
        (step_from_theta0, "θ0 + alpha (θ1 - θ0), as a tuple"),
        (map_with_lambda, "a map object"),
        (by_index, "a loop by index, float32 arrays"),
        (object_array_of_layers, "a numpy object array of layers (the review's D13)"),
    ],
}
