"""helpers.timing: warm up, then time each run; the median of them."""

import pytest

from helpers.timing import each_run_seconds, median_seconds


def test_median_seconds_warms_up_then_times_each_call():
    calls = []
    seconds = median_seconds(lambda: calls.append(1), repeats=5)
    assert len(calls) == 6 and 0 <= seconds < 1


@pytest.mark.parametrize("repeats", [0, -3, 2.5])
def test_median_seconds_refuses_a_repeat_count_that_is_not_a_positive_integer(repeats):
    with pytest.raises(ValueError, match="repeats must be an integer"):
        median_seconds(lambda: None, repeats=repeats)


def test_each_run_seconds_prepares_every_run_untimed_and_drops_the_warm_up():
    order = []
    times = each_run_seconds(lambda: order.append("run"), repeats=3, prepare=lambda: order.append("prepare"))
    assert order == ["prepare", "run"] * 4                    # the warm-up too is prepared
    assert len(times) == 3 and all(0 <= t < 1 for t in times)
