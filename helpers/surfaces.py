"""Two-parameter loss surfaces to walk on (notebooks 06 and 07), written with NDArray operations so
that `autograd` computes their slopes."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from mxnet import autograd, nd


@dataclass(frozen=True)
class Surface:
    """A loss z = f(x, y), the window to draw it in, its minimum (None if it has none) and a start:
    the type of BOWL, SADDLE, BEALE, ROSENBROCK and the other landscapes below.
    """

    name: str
    f: Callable[[nd.NDArray, nd.NDArray], nd.NDArray]
    bounds: tuple[float, float, float, float]  # x_min, x_max, y_min, y_max
    minimum: tuple[float, float] | None
    start: tuple[float, float]

    def __call__(self, x, y):
        return self.f(x, y)


BOWL = Surface("bowl", lambda x, y: 0.5 * x ** 2 + 2 * y ** 2, (-3, 3, -3, 3), (0.0, 0.0), (-2.5, 2.0))
SADDLE = Surface("saddle", lambda x, y: x ** 2 - y ** 2, (-1.5, 1.5, -1.5, 1.5), None, (1.0, 1e-3))
TWO_MINIMA = Surface("two minima", lambda x, y: (x ** 2 - 1) ** 2 + 0.3 * x + y ** 2,
                     (-1.8, 1.8, -1.5, 1.5), (-1.0366, 0.0), (1.5, 1.0))
BEALE = Surface("Beale", lambda x, y: ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2
                                      + (2.625 - x + x * y ** 3) ** 2),
                (-4.5, 4.5, -4.5, 4.5), (3.0, 0.5), (1.0, 1.5))
ROSENBROCK = Surface("Rosenbrock", lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
                     (-2, 2, -1, 3), (1.0, 1.0), (-1.5, 2.0))
SURFACES = {s.name: s for s in (BOWL, SADDLE, TWO_MINIMA, BEALE, ROSENBROCK)}


def value_and_gradient(surface: Surface, x: float, y: float) -> tuple[float, float, float]:
    """f(x, y) and its partial derivatives (df/dx, df/dy) by autograd, in 64-bit precision.

    Introduced in notebook 06.
    """
    point = nd.array([x, y], dtype="float64")
    point.attach_grad()
    with autograd.record():
        z = surface(point[0], point[1])
    z.backward()
    dx, dy = point.grad.asnumpy()
    return float(z.asscalar()), float(dx), float(dy)


def grid(surface: Surface, n: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Meshgrid X, Y over the surface's window and Z = f(X, Y), ready for contour or 3-D plots.

    Introduced in notebook 06.
    """
    x0, x1, y0, y1 = surface.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    Z = surface(nd.array(X, dtype="float64"), nd.array(Y, dtype="float64")).asnumpy()
    return X, Y, Z


def gradient_field(surface: Surface, n: int = 15) -> tuple[np.ndarray, ...]:
    """X, Y and the gradient components U = df/dx, V = df/dy on a coarse grid, by autograd.

    Introduced in notebook 06.
    """
    x0, x1, y0, y1 = surface.bounds
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    xs, ys = nd.array(X, dtype="float64"), nd.array(Y, dtype="float64")
    xs.attach_grad()
    ys.attach_grad()
    with autograd.record():
        z = surface(xs, ys)
    z.backward()  # the sum of independent points: each point's gradient lands in its own cell
    return X, Y, xs.grad.asnumpy(), ys.grad.asnumpy()
