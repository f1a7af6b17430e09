"""helpers.widgets: sliders that stay in range, errors shown as messages, playgrounds that run for real."""

from helpers import widgets

import pytest

from helpers.support import arguments


def test_learning_rate_slider_cannot_reach_zero():
    slider = widgets.log_slider("learning rate", 0.1)
    slider.value = 0
    assert slider.value >= 1e-4


def test_int_slider_clamps_to_its_range():
    slider = widgets.int_slider("batch size", 64, 1, 500)
    slider.value = 0
    assert slider.value == 1
    slider.value = 10_000
    assert slider.value == 500


def test_bad_values_in_a_widget_callback_become_a_message(capsys):
    def train(lr):
        arguments.positive_number("learning rate", lr)
        return "trained"

    guarded = widgets.shows_errors(train)
    assert guarded(lr=0.1) == "trained"
    assert guarded(lr=-1) is None
    assert "learning rate must be a positive number, got -1" in capsys.readouterr().out


def test_playground_runs_the_function_for_real(capsys):
    calls = []
    box = widgets.playground(lambda lr: calls.append(lr), lr=widgets.log_slider("lr", 0.1))
    slider = box.children[0].children[0]
    slider.value = 1.0
    assert calls[-1] == pytest.approx(1.0)


def test_kernel_grid_holds_nine_bounded_numbers_in_three_columns():
    grid, boxes = widgets.kernel_grid([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    assert [b.value for b in boxes] == [-1, 0, 1, -2, 0, 2, -1, 0, 1]
    assert "repeat(3" in grid.layout.grid_template_columns and len(grid.children) == 9
    boxes[4].value = 1e6                                  # a value out of range is clipped, not accepted
    assert boxes[4].value == 100


def test_stoppable_playground_stops_the_run_in_progress_when_a_control_moves():
    import threading
    import time

    import matplotlib.pyplot as plt

    started, finished, stopped = [], [], []
    release = threading.Event()

    def slow(value, stop, report):
        started.append(value)
        report(f"running {value}")
        while not stop() and not (value == 1 and release.is_set()) and value != 0:
            time.sleep(0.01)
        (stopped if stop() else finished).append(value)
        return plt.figure()

    slider = widgets.int_slider("v", 0, 0, 5)
    box = widgets.stoppable_playground(slow, value=slider)
    assert started == [0] and finished == [0]              # the default ran before the call returned
    slider.value = 2                                       # a long run starts in a thread ...
    time.sleep(0.1)
    slider.value = 1                                       # ... and is stopped by the next move
    release.set()
    for _ in range(200):
        if finished == [0, 1]:
            break
        time.sleep(0.01)
    assert stopped == [2] and finished == [0, 1] and started == [0, 2, 1]
    assert box.children[1].value == "running 1"
    plt.close("all")
