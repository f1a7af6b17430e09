"""Controls that drive real MXNet code (notebooks 00 to 12), and a guard for bad values."""

import math
import threading
from collections.abc import Callable

import ipywidgets as w
from IPython.display import display

WIDE = {"description_width": "initial"}


def log_slider(description: str, value: float, low: float = 1e-4, high: float = 10.0) -> w.FloatLogSlider:
    """A slider over powers of ten; its lowest value is > 0, so a learning rate <= 0 can't be picked.

    Introduced in notebook 04.
    """
    return w.FloatLogSlider(value=value, base=10, min=math.log10(low), max=math.log10(high), step=0.25,
                            description=description, continuous_update=False, readout_format=".4g",
                            style=WIDE, layout=w.Layout(width="420px"))


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> w.IntSlider:
    """An integer slider that can't leave [low, high] (e.g. batch size 1..size of the data).

    Introduced in notebook 00.
    """
    return w.IntSlider(value=value, min=low, max=high, step=step, description=description,
                       continuous_update=False, style=WIDE, layout=w.Layout(width="420px"))


def shows_errors(fn: Callable) -> Callable:
    """Wrap a widget callback so a ValueError is shown as a one-line message, not a stack trace."""
    def guarded(**kwargs):
        try:
            return fn(**kwargs)
        except ValueError as err:
            print(f"⚠ {err}")
    guarded.__name__ = fn.__name__
    return guarded


def playground(fn: Callable, **controls: w.ValueWidget) -> w.VBox:
    """Show `controls` above an output area; `fn(**values)` re-runs and redraws whenever one changes.

    Introduced in notebook 00.
    """
    out = w.interactive_output(shows_errors(fn), controls)
    box = w.VBox([w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), out])
    display(box)
    return box


def kernel_grid(values: list[list[float]]) -> tuple[w.GridBox, list[w.BoundedFloatText]]:
    """Nine number boxes in a 3x3 grid, holding a convolution kernel; values stay within ±100 (notebook 08)."""
    boxes = [w.BoundedFloatText(value=v, min=-100, max=100, step=0.25, layout=w.Layout(width="72px"))
             for row in values for v in row]
    return w.GridBox(boxes, layout=w.Layout(grid_template_columns="repeat(3, 78px)")), boxes


def stoppable_playground(fn: Callable, **controls: w.ValueWidget) -> w.VBox:
    """Like `playground` for long runs: `fn(stop=, report=, **values)` returns a figure; after the first
    (default) run, each run happens in a thread, so moving a control again stops the run in progress
    (`stop()` turns True) and starts one with the new values, instead of queueing stale runs (notebook 04).
    """
    import matplotlib.pyplot as plt

    out, status, running = w.Output(), w.Label(), {}
    status.add_class("playground-status")       # what is running, its progress, or why it stopped

    def run(values: dict, stop: threading.Event) -> None:
        try:
            figure = fn(stop=stop.is_set, report=lambda text: setattr(status, "value", text), **values)
        except ValueError as err:
            status.value = f"⚠ {err}"
            return
        if figure is not None and not stop.is_set():
            out.outputs = ()                     # replace the last figure (clear_output is not thread-safe)
            out.append_display_data(figure)
            plt.close(figure)

    def restart(_=None, in_thread: bool = True) -> None:
        if running:
            running["stop"].set()      # the old run checks this before every step
            running["thread"].join()
        values, stop = {name: c.value for name, c in controls.items()}, threading.Event()
        thread = threading.Thread(target=run, args=(values, stop), daemon=True)
        running.update(stop=stop, thread=thread)
        thread.start()
        if not in_thread:
            thread.join()

    for control in controls.values():
        control.observe(restart, names="value")
    box = w.VBox([w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), status, out])
    display(box)
    restart(in_thread=False)           # the default runs before the cell ends, so the saved page shows it
    return box
