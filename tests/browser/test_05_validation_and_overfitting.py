"""Notebook 05 in JupyterLab: the overfitting sliders retrain and move the best epoch."""

import re

from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_up_to,
    screenshot,
    widget_output,
)


def test_overfitting_sliders_retrain_and_move_the_best_epoch(page, lab):
    run_up_to(page, lab, "05_validation_and_overfitting.ipynb", "playground(show_overfitting")
    box, output = widget_output(page, "training images")
    assert any("1000 images, 20% wrong labels: best epoch" in t for t in plot_texts(output)), plot_texts(output)
    size = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('training images')"))
    move_slider(page, size, 5)                              # 1000 -> 2000 images
    noise = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('wrong labels')"))
    move_slider(page, noise, -4)                            # 20% -> 0%
    texts = "".join(plot_texts(output))
    assert "2000 images, 0% wrong labels: best epoch" in texts, texts[:300]
    accuracy = float(re.search(r"validation accuracy ([\d.]+)", texts).group(1))
    assert accuracy > 0.9, "2,000 clean images: a much better network than 1,000 noisy ones"
    assert_no_errors(page)
    screenshot(page, "05_overfitting_sliders")
