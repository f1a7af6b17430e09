"""Argument checks with messages a learner can act on (`fit`, `batches`, the widgets, the timers)."""

from numbers import Integral, Real


def positive_number(name: str, value: float) -> float:
    """Return `value` if it is a finite number > 0, else raise ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, Real) or not 0 < value < float("inf"):
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def int_in_range(name: str, value: int, low: int, high: int) -> int:
    """Return `value` if it is an integer in [low, high], else raise ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, Integral) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {value!r}")
    return int(value)


def number_in_interval(name: str, value: float, low: float, high: float) -> float:
    """Return `value` if it is a number with low <= value < high (e.g. momentum in [0, 1)), else raise ValueError."""
    if isinstance(value, bool) or not isinstance(value, Real) or not low <= value < high:
        raise ValueError(f"{name} must be a number from {low} up to (not including) {high}, got {value!r}")
    return float(value)
