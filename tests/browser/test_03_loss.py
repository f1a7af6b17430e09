"""Notebook 03 in JupyterLab: the loss playground shows each loss's gradient as p(true class) moves."""

import re

from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_up_to,
    screenshot,
    widget_output,
)


def test_loss_marker_shows_each_losss_gradient(page, lab):
    run_up_to(page, lab, "03_loss.ipynb", "playground(show_losses")
    box, output = widget_output(page, "p(true class)")

    def gradients() -> dict[str, float]:
        text = "".join(plot_texts(output))
        pattern = r"(cross-entropy|squared error): loss [\d.]+, gradient ([-+][\d.]+)"
        return {name: float(g) for name, g in re.findall(pattern, text)}

    assert gradients() == {"cross-entropy": -0.5, "squared error": -0.25}, gradients()
    slider = box.locator(".widget-slider")
    move_slider(page, slider, -47)                          # 0.50 -> 0.03: confidently wrong
    wrong = gradients()
    assert wrong["cross-entropy"] < -0.9 and abs(wrong["squared error"]) < 0.06, wrong
    assert_no_errors(page)
    screenshot(page, "03_loss_gradients")
