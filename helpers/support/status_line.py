"""One line of training progress that updates in place and ends as a summary (what `fit` shows).

Progress-bar widgets are saved in a notebook as they were first drawn, so a page on GitHub showed
frozen "0%" bars. This line is a plain display that is replaced as training goes, so the saved page
shows its last state; outside Jupyter it is printed with a carriage return.
"""

import sys
from collections.abc import Callable

from IPython import get_ipython
from IPython.display import display


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where displays can be updated in place)."""
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


class StatusLine:
    """`show(text)` replaces the line; nothing is drawn when `enabled` is False, and when it is a function
    (e.g. a widget's label setter) the text goes to it instead.
    """

    def __init__(self, enabled: bool | Callable[[str], None] = True):
        self.enabled, self.handle = enabled, None

    def show(self, text: str, final: bool = False) -> None:
        if not self.enabled:
            return
        if callable(self.enabled):
            self.enabled(text)
        elif not in_notebook():
            sys.stderr.write(f"\r{text}" + ("\n" if final else ""))
        elif self.handle is None:
            self.handle = display({"text/plain": text}, raw=True, display_id=True)
        else:
            self.handle.update({"text/plain": text}, raw=True)
