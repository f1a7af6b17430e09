"""helpers.descent: the optimizers that walk on the test surfaces, and their race (notebook 07)."""

from helpers import descent, surfaces

import numpy as np
import pytest


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
