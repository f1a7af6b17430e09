"""Notebook 04 in JupyterLab: the training playground retrains for real; a long run is announced,
shows its progress and stops when a slider moves."""

import time

from .jupyterlab import (
    assert_no_errors,
    move_slider,
    screenshot,
    wait_for_plot,
    widget_box,
)


def test_training_playground_sliders_retrain_for_real(page, lab):
    box, output = widget_box(page, lab, "04_training_loop.ipynb", ".widget-label:has-text('learning rate')")
    sliders = {label: box.locator(".widget-slider").filter(has=page.locator(f".widget-label:has-text('{label}')"))
               for label in ("learning rate", "batch size", "epochs")}
    for slider in sliders.values():
        assert slider.count() == 1 and slider.is_visible()
    wait_for_plot(output, "learning rate 0.1, batch size 64")
    move_slider(page, sliders["learning rate"], 4)          # 0.1 -> 1.0 (4 steps of 10^0.25)
    wait_for_plot(output, "learning rate 1, batch size 64")
    move_slider(page, sliders["batch size"], 5)             # 64 -> 69
    wait_for_plot(output, "learning rate 1, batch size 69")
    assert_no_errors(page)
    screenshot(page, "04_training_playground")


def test_a_long_run_is_announced_shows_progress_and_stops_when_a_slider_moves(page, lab):
    box, output = widget_box(page, lab, "04_training_loop.ipynb", ".widget-label:has-text('learning rate')")
    wait_for_plot(output, "learning rate 0.1, batch size 64")
    status = box.locator(".playground-status")
    epochs = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('epochs')"))
    batch = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('batch size')"))
    def press(slider, key: str, times: int) -> None:     # no waiting in between: the runs are in a thread
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            handle.press(key)

    press(batch, "Home", 1)                                 # batch size 1: 3,000 steps per epoch ...
    press(epochs, "ArrowRight", 15)                         # ... for 20 epochs: 60,000 steps
    page.wait_for_function("el => /60,000 steps.*epoch 1\\/20: \\d+\\/3000 batches/.test(el.textContent)",
                           arg=status.element_handle(), timeout=60_000)   # announced, and progress as it runs
    started = time.time()
    press(epochs, "ArrowLeft", 19)                          # back to 1 epoch: the long run stops at once
    page.wait_for_function("el => el.textContent.includes('trained 1 epoch of 3000 batches')",
                           arg=status.element_handle(), timeout=60_000)
    assert time.time() - started < 45, "the 60,000-step run (about 90 s) was stopped, not finished first"
    texts = wait_for_plot(output, "batch size 1")
    assert len(texts) == 1, "one figure: the new run's replaces the old one"
    assert_no_errors(page)
    screenshot(page, "04_long_run_stopped")
