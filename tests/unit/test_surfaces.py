"""helpers.surfaces: the test surfaces and their autograd slopes."""

from helpers import surfaces

import numpy as np
import pytest


@pytest.mark.parametrize("surface", surfaces.SURFACES.values(), ids=lambda s: s.name)
def test_autograd_gradient_matches_finite_differences(surface):
    rng = np.random.default_rng(0)
    x0, x1, y0, y1 = surface.bounds
    for x, y in zip(rng.uniform(x0, x1, 5), rng.uniform(y0, y1, 5), strict=True):
        _, dx, dy = surfaces.value_and_gradient(surface, x, y)
        h = 1e-6
        num_dx = (surfaces.value_and_gradient(surface, x + h, y)[0]
                  - surfaces.value_and_gradient(surface, x - h, y)[0]) / (2 * h)
        num_dy = (surfaces.value_and_gradient(surface, x, y + h)[0]
                  - surfaces.value_and_gradient(surface, x, y - h)[0]) / (2 * h)
        assert np.allclose([dx, dy], [num_dx, num_dy], rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("surface", [s for s in surfaces.SURFACES.values() if s.minimum],
                         ids=lambda s: s.name)
def test_the_stated_minimum_has_zero_slope(surface):
    _, dx, dy = surfaces.value_and_gradient(surface, *surface.minimum)
    assert abs(dx) < 1e-2 and abs(dy) < 1e-2


def test_gradient_field_matches_pointwise_gradients():
    X, Y, U, V = surfaces.gradient_field(surfaces.BEALE, n=4)
    _, dx, dy = surfaces.value_and_gradient(surfaces.BEALE, X[1, 2], Y[1, 2])
    assert np.allclose([U[1, 2], V[1, 2]], [dx, dy])


def test_grid_evaluates_the_surface():
    X, Y, Z = surfaces.grid(surfaces.BOWL, n=11)
    assert Z.shape == (11, 11) and np.allclose(Z, 0.5 * X ** 2 + 2 * Y ** 2)
