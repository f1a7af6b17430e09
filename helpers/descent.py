"""Run MXNet's own optimizers on a point of a 2-D surface and record its path (notebooks 06, 07)."""

import mxnet as mx
import numpy as np
import pandas as pd
from mxnet import autograd, nd

from helpers.support.arguments import int_in_range, positive_number
from helpers.surfaces import Surface

# The race's contestants: display name -> (mx.optimizer name, extra settings)
OPTIMIZERS = {
    "SGD": ("sgd", {}),
    "Momentum": ("sgd", {"momentum": 0.9}),
    "NAG": ("nag", {"momentum": 0.9}),
    "AdaGrad": ("adagrad", {}),
    "AdaDelta": ("adadelta", {}),
    "RMSProp": ("rmsprop", {}),
    "Adam": ("adam", {}),
}


def descend(surface: Surface, optimizer: str = "sgd", lr: float = 0.01, steps: int = 100,
            start: tuple[float, float] | None = None, noise: float = 0.0, seed: int = 0,
            **settings) -> np.ndarray:
    """Positions (steps + 1, 2) of a point moved by `mx.optimizer.create(optimizer)` down the surface.

    `noise` adds Gaussian noise of that size to each gradient, like a stochastic (mini-batch) gradient.
    Introduced in notebook 06.
    """
    lr = positive_number("learning rate", lr)
    steps = int_in_range("steps", steps, 1, 100_000)
    updater = mx.optimizer.get_updater(mx.optimizer.create(optimizer, learning_rate=lr, **settings))
    point = nd.array(start or surface.start)  # float32: the optimizers keep float32 state
    rng, path = np.random.default_rng(seed), [point.asnumpy().copy()]
    for _ in range(steps):
        point.attach_grad()
        with autograd.record():
            z = surface(point[0], point[1])
        z.backward()
        grad = point.grad + nd.array(rng.normal(0, noise, 2)) if noise else point.grad
        updater(0, grad, point)
        path.append(point.asnumpy().copy())
        if not np.all(np.isfinite(path[-1])) or np.abs(path[-1]).max() > 1e6:
            break  # diverged: stop before numbers overflow
    return np.array(path)


def race(surface: Surface, steps: int, lr_sgd: float, lr_adaptive: float,
         contestants: dict = OPTIMIZERS) -> dict[str, np.ndarray]:
    """Paths of every contestant from the same start; SGD-like and adaptive ones get their own rate.

    Introduced in notebook 07.
    """
    paths = {}
    for name, (optimizer, settings) in contestants.items():
        lr = lr_sgd if optimizer in ("sgd", "nag") else lr_adaptive
        paths[name] = descend(surface, optimizer, lr=lr, steps=steps, **settings)
    return paths


def steps_to_goal(surface: Surface, path: np.ndarray, tol: float = 0.05) -> int | None:
    """First step within `tol` of the minimum; on a surface without one, the first step with f < -1
    (it has left the saddle). None if the path never gets there.
    Introduced in notebook 07.
    """
    if surface.minimum is not None:
        reached = np.linalg.norm(path - np.array(surface.minimum), axis=1) < tol
    else:
        reached = surface(nd.array(path[:, 0], dtype="float64"),
                          nd.array(path[:, 1], dtype="float64")).asnumpy() < -1
    hits = np.flatnonzero(reached)
    return int(hits[0]) if hits.size else None


def race_table(surface: Surface, paths: dict[str, np.ndarray]) -> pd.DataFrame:
    """Steps each optimizer needs to reach the goal, its final loss and point (notebook 07)."""
    rows = []
    for name, path in paths.items():
        steps = steps_to_goal(surface, path)
        rows.append({"optimizer": name, "steps to goal": steps if steps is not None else "did not converge",
                     "final loss": float(surface(*path[-1])), "final point": tuple(np.round(path[-1], 3))})
    return pd.DataFrame(rows).set_index("optimizer")


# Settings under which the race shows something on each surface (notebook 07 starts from these).
RACE_SETTINGS = {
    "saddle": {"steps": 100, "lr_sgd": 0.01, "lr_adaptive": 0.1},
    "Beale": {"steps": 300, "lr_sgd": 0.003, "lr_adaptive": 0.3},
    "Rosenbrock": {"steps": 600, "lr_sgd": 0.002, "lr_adaptive": 0.1},
}
