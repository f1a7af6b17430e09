"""Notebook 02 in JupyterLab: the temperature slider sharpens and flattens the softmax; the argmax stays."""

import re

from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_up_to,
    screenshot,
    widget_output,
)


def test_softmax_temperature_sharpens_and_flattens_but_keeps_the_argmax(page, lab):
    run_up_to(page, lab, "02_one_hot_and_softmax.ipynb", "playground(show_softmax")
    box, output = widget_output(page, "temperature T")
    assert any("T = 1: predicts 7" in t for t in plot_texts(output)), plot_texts(output)
    temperature = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('temperature T')"))
    move_slider(page, temperature, -4)                      # 1 -> 0.1 (4 steps of 10^0.25)
    assert any("T = 0.1: predicts 7" in t for t in plot_texts(output)), plot_texts(output)
    score = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('score of digit 3')"))
    move_slider(page, score, 2)                             # 2.0 -> 3.0: the 3 now beats the 7 (2.5)
    texts = plot_texts(output)
    assert any("predicts 3" in t for t in texts), texts
    loss = float(re.search(r"cross-entropy of the 7 = ([\d.]+)", "".join(texts)).group(1))
    assert loss > 4, "at T = 0.1 a wrong winner makes the true class's loss large"
    assert_no_errors(page)
    screenshot(page, "02_softmax_temperature")
