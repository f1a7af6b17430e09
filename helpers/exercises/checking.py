"""Tools that checks are written with: the blank `____`, the verdict `Wrong`, comparing values and
comparing a learner's function with the reference on fresh random cases."""

from collections.abc import Callable
from typing import Any

import numpy as np


class Blank:
    """The type of the placeholder `____` that a learner replaces with an answer (notebooks 01-13)."""

    def __repr__(self) -> str:
        return "____"


____ = Blank()


class NotAttempted(Exception):
    """The answer (or what the answer function returned) is still the placeholder."""


class Wrong(Exception):
    """A check's verdict on a wrong answer; the message says which case failed and how."""


def is_blank(value: Any) -> bool:
    """True for `____`, or a tuple/list holding one (notebook 01)."""
    return value is ____ or (isinstance(value, (tuple, list)) and any(v is ____ for v in value))


def as_numpy(value: Any) -> np.ndarray:
    """An NDArray, number or nested list as a float64 numpy array, for comparisons (notebook 01)."""
    if is_blank(value):
        raise NotAttempted
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    return np.asarray(value, dtype="float64")


def same_values(got: Any, expected: Any, what: str, tol: float = 1e-5) -> None:
    """Raise Wrong unless `got` has the shape and (within `tol`) the values of `expected` (notebook 01)."""
    got, expected = as_numpy(got), as_numpy(expected)
    if got.size == expected.size == 1:   # a number: 0.5, [0.5] and nd.array([0.5]) are the same answer
        got, expected = got.reshape(()), expected.reshape(())
    if got.shape != expected.shape:
        raise Wrong(f"{what}: expected shape {expected.shape}, got {got.shape}")
    if not np.all(np.isfinite(got)):
        raise Wrong(f"{what}: your result contains NaN or infinity: {np.round(got, 4)}")
    if not np.allclose(got, expected, rtol=tol, atol=tol):
        error = np.abs(got - expected)
        if expected.size <= 8:
            shown = f"expected {np.round(expected, 4).tolist()}, got {np.round(got, 4).tolist()}"
        else:   # a big array: show the worst element only
            at = np.unravel_index(error.argmax(), error.shape)
            shown = f"at index {tuple(int(i) for i in at)} expected {expected[at]:.4g}, got {got[at]:.4g}"
        raise Wrong(f"{what}: {shown} (off by up to {error.max():.3g}, tolerance {tol:g})")


def describe(args: tuple) -> str:
    """Short text of a test case's inputs for a message (arrays by shape and first values)."""
    parts = []
    for a in args:
        if hasattr(a, "shape") and getattr(a, "size", 0) > 6:
            parts.append(f"array of shape {tuple(a.shape)}")
        else:
            parts.append(repr(np.round(as_numpy(a), 3).tolist()) if hasattr(a, "shape")
                         else f"{a:.4g}" if isinstance(a, float) else repr(a))
    return ", ".join(parts)


def matches(reference: Callable, cases: Callable[[np.random.Generator], list[tuple]], tol: float = 1e-5,
            compare: Callable[[Any, Any, str, float], None] = same_values) -> Callable[[Callable], None]:
    """A check: the learner's function must give what `reference` gives on fresh random cases (notebook 01)."""
    def check(answer: Callable) -> None:
        if not callable(answer):
            raise Wrong(f"expected a function, got {type(answer).__name__}")
        for args in cases(np.random.default_rng()):   # fresh cases every time: copying an output can't pass
            got = answer(*args)
            if is_blank(got):
                raise NotAttempted
            compare(got, reference(*args), f"for input ({describe(args)})", tol)
    return check


def answer_or_blank(function: Callable) -> Callable:
    """The learner's function, raising NotAttempted when it still returns the placeholder `____`."""
    def answer(*args, **kwargs):
        result = function(*args, **kwargs)
        if is_blank(result):
            raise NotAttempted
        return result
    return answer
