"""The test surfaces' autograd slopes and the optimizers that walk on them."""

from helpers import descent, surfaces

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


@pytest.mark.parametrize("name", descent.OPTIMIZERS)
def test_every_optimizer_goes_down_a_convex_bowl(name):
    optimizer, settings = descent.OPTIMIZERS[name]
    path = descent.descend(surfaces.BOWL, optimizer, lr=0.05, steps=50, **settings)
    start, end = (float(surfaces.BOWL(*p)) for p in (path[0], path[-1]))
    assert path.shape == (51, 2) and end < start


def test_plain_gradient_descent_stalls_on_the_ridge_of_a_saddle_and_noise_escapes():
    stalled = descent.descend(surfaces.SADDLE, "sgd", lr=0.05, steps=200, start=(1.0, 0.0))
    assert np.abs(stalled[-1]).max() < 1e-3  # it converged to the saddle point (0, 0)
    noisy = descent.descend(surfaces.SADDLE, "sgd", lr=0.05, steps=200, start=(1.0, 0.0), noise=0.1)
    assert abs(noisy[-1][1]) > 1


def test_divergence_stops_the_walk_early():
    path = descent.descend(surfaces.ROSENBROCK, "sgd", lr=0.1, steps=1000)
    assert len(path) < 1001 and np.abs(path[-1]).max() > 1e6


def test_descend_rejects_bad_settings():
    with pytest.raises(ValueError, match="learning rate must be a positive number"):
        descent.descend(surfaces.BOWL, lr=-0.1)
    with pytest.raises(ValueError, match="steps must be an integer"):
        descent.descend(surfaces.BOWL, steps=0)


def test_steps_to_goal():
    path = np.array([[0.0, 1.0], [0.5, 0.1], [0.0, 0.01], [0.0, 0.0]])
    assert descent.steps_to_goal(surfaces.BOWL, path) == 2
    assert descent.steps_to_goal(surfaces.BOWL, path[:2]) is None
    assert descent.steps_to_goal(surfaces.SADDLE, np.array([[1.0, 0.0], [0.0, 1.5]])) == 1


def test_race_defaults_show_the_claims_of_notebook_07():
    saddle = descent.race(surfaces.SADDLE, **descent.RACE_SETTINGS["saddle"])
    assert descent.steps_to_goal(surfaces.SADDLE, saddle["SGD"]) is None
    assert descent.steps_to_goal(surfaces.SADDLE, saddle["Adam"]) is not None
