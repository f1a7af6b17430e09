"""helpers.support.arguments: a setting a learner can get wrong is refused with a message naming it."""

import pytest

from helpers.support import arguments


@pytest.mark.parametrize("value", [0, -1, "0.1", True, float("inf")])
def test_positive_number_rejects(value):
    with pytest.raises(ValueError):
        arguments.positive_number("x", value)
