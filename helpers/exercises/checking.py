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
        bad = ~np.isfinite(got)
        shown = (f": {np.round(got, 4).tolist()}" if got.size <= 8 else
                 f" ({int(bad.sum())} of {got.size} values, the first at index "
                 f"{tuple(int(i) for i in np.argwhere(bad)[0])})")
        raise Wrong(f"{what}: your result contains NaN or infinity{shown}")
    if not np.allclose(got, expected, rtol=tol, atol=tol):
        error = np.abs(got - expected)
        # enough decimals that expected and got differ where they do (4, more when the error is small)
        decimals = int(min(15, max(4, np.ceil(-np.log10(error.max())) + 1)))
        if expected.size <= 8:
            shown = f"expected {np.round(expected, decimals).tolist()}, got {np.round(got, decimals).tolist()}"
        else:   # a big array: show the worst element only
            at = np.unravel_index(error.argmax(), error.shape)
            shown = (f"at index {tuple(int(i) for i in at)} expected {float(np.round(expected[at], decimals))!r}, "
                     f"got {float(np.round(got[at], decimals))!r}")
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


def mxnet_advice(error: Exception) -> str:
    """What to change when MXNet refused the learner's computation, in one line instead of its raw error
    (a float64/float32 or uint8/float32 mix, or shapes that don't fit) (notebooks 07-13)."""
    import re

    text = str(error)
    mix = re.search(r"expected (\w+), got (\w+)", text)
    if mix and "Incompatible attr" in text:
        dtypes = sorted(mix.groups(), key=lambda dtype: dtype.startswith("float"))   # whole-number dtype first
        if not dtypes[0].startswith("float") and dtypes[1].startswith("float"):
            return (f"MXNet can't mix {dtypes[0]} and {dtypes[1]} arrays in one operation: convert the {dtypes[0]} "
                    f"array to floats first, .astype('{dtypes[1]}')")
        return (f"MXNet can't mix {dtypes[0]} and {dtypes[1]} arrays in one operation: give both the same dtype, "
                "e.g. create the new array with dtype=x.dtype (x one of the inputs) or convert with .astype(x.dtype)")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    last = next((line for line in reversed(lines) if line.startswith("MXNetError")), lines[-1] if lines else text)
    last = last.removeprefix("MXNetError:").strip()
    if "shape" in last.lower():
        return f"MXNet refused the shapes in your computation: {last}"
    return f"MXNet refused an operation in your computation: {last}"


def call_answer(answer: Callable, *args: Any, wait: bool = True) -> Any:
    """Call the learner's function; an MXNet error becomes a Wrong saying what to change (notebooks 07-13).
    With wait=False the result is not waited for (faster in a loop; errors then surface when it is read)."""
    try:
        result = answer(*args)
        for part in result if wait and isinstance(result, (tuple, list)) else (result,) if wait else ():
            if hasattr(part, "wait_to_read"):   # MXNet computes asynchronously: its errors surface here
                part.wait_to_read()
        return result
    except Exception as error:
        if type(error).__name__ != "MXNetError":
            raise
        raise Wrong(mxnet_advice(error)) from None


def private_copy(value: Any) -> Any:
    """A copy of a case's argument (NDArray, numpy array, or a list/tuple of them; other values as they are),
    so an answer that changes its inputs in place can't change what the reference or a later case sees."""
    if isinstance(value, (list, tuple)):
        return type(value)(private_copy(v) for v in value)
    if hasattr(value, "shape") and hasattr(value, "copy"):
        return value.copy()
    return value


def forbidden_attribute(function: Callable, names: tuple[str, ...]) -> str | None:
    """The first of `names` that `function`'s code reaches as an attribute (`nd.one_hot`, `x.backward()`) or
    imports by name (`from mxnet.ndarray import one_hot`), comments and strings left out; None if none does or
    its source can't be read (notebooks 02 and 03)."""
    import inspect
    import io
    import tokenize

    if getattr(function, "__qualname__", "") == "answer_or_blank.<locals>.answer":   # Exercise.check's wrapper
        function = inspect.getclosurevars(function).nonlocals["function"]
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return None
    previous, importing = None, False
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME and (previous == "." or importing) and token.string in names:
                return token.string
            ends = token.type == tokenize.NEWLINE or token.string == ";"   # the end of an import statement
            importing = not ends and (importing or token.string == "import")
            if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
                previous = token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):   # a lambda's line cut mid-expression
        pass
    return None


def as_ndarrays(cases: list[tuple], dtype: str = "float32") -> list[tuple]:
    """Every case's numpy arrays as fresh NDArrays of `dtype` (other values, numbers or strings, as they are),
    each a view of its own part of one new buffer that MXNet takes over without copying: nd.array's copy
    waits for MXNet's engine, which is slow on a busy machine (milliseconds per array)."""
    import mxnet as mx

    arrays = [value.ravel() for case in cases for value in case if isinstance(value, np.ndarray)]
    if not arrays:
        return list(cases)
    buffer = np.ascontiguousarray(np.concatenate(arrays), dtype=dtype)
    whole, at, converted = mx.nd.from_numpy(buffer, zero_copy=True), 0, []
    for case in cases:
        parts = []
        for value in case:
            if isinstance(value, np.ndarray):   # (MXNet has no empty arrays: every part holds a number)
                parts.append(whole[at:at + value.size].reshape(value.shape))
                at += value.size
            else:
                parts.append(value)
        converted.append(tuple(parts))
    return converted


def run_cases(answer: Callable, cases: list[tuple], reference: Callable, tol: float = 1e-5,
              what: Callable[[tuple], str] = lambda args: f"for input ({describe(args)})",
              compare: Callable[[Any, Any, str, float], None] = same_values,
              given: Callable[[list[tuple]], list[tuple]] = lambda cases: [private_copy(c) for c in cases]) -> list:
    """A check's cases, in order: the reference's results first; then the answer's on `given(cases)` (by
    default private copies of each case's arguments, so in-place changes stay private; `as_ndarrays` turns
    numpy cases into NDArrays), each compared with the reference's. The first case (put a fixed tricky one
    there) is compared on its own, so most wrong answers cost one case; the others are all pushed to MXNet
    before one wait (each wait is slow on a busy machine). A blank raises NotAttempted; an MXNet error
    becomes a Wrong that says what to change. Returns the answer's results."""
    import sys

    case = cases[0] if cases else ()
    try:
        expected = [reference(*case) for case in cases]
        results = []
        for index, arguments in enumerate(given(cases)):
            case = cases[index]   # (named in the message if MXNet refuses it)
            results.append(answer(*arguments))
            if is_blank(results[-1]):
                raise NotAttempted
            if index == 0:
                compare(results[0], expected[0], what(case), tol)
        if "mxnet" in sys.modules:
            sys.modules["mxnet"].nd.waitall()
        for case, got, truth in list(zip(cases, results, expected, strict=True))[1:]:
            compare(got, truth, what(case), tol)
    except Exception as error:
        if type(error).__name__ != "MXNetError":
            raise
        raise Wrong(f"{what(case)}: {mxnet_advice(error)}") from None
    return results
