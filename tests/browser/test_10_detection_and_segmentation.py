"""Notebook 10 in JupyterLab: the face detector's thresholds change the faces drawn."""

import re

from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_up_to,
    screenshot,
)


def test_face_detector_thresholds_change_the_faces_drawn(page, lab):
    run_up_to(page, lab, "10_detection_and_segmentation.ipynb", "face_controls = dict(")
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-label:has-text('O-Net threshold')")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    def faces_drawn() -> list[int]:
        return [int(n) for t in plot_texts(output) for n in re.findall(r">(\d+) face\(s\)", t)]

    assert faces_drawn() == [1], plot_texts(output)
    threshold = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('O-Net threshold')"))
    move_slider(page, threshold, -13)                       # 0.7 -> 0.05: faint "faces" pass too
    assert faces_drawn() and faces_drawn()[0] > 1, plot_texts(output)
    assert_no_errors(page)
    screenshot(page, "10_face_thresholds")
