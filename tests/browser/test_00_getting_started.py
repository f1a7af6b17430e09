"""Notebook 00 in JupyterLab: every cell runs from the Run menu without an error, and its slider renders."""


from .jupyterlab import (
    assert_no_errors,
    open_and_run_all,
    screenshot,
)


def test_getting_started_runs_in_the_browser(page, lab):
    open_and_run_all(page, lab, "00_getting_started.ipynb")
    assert_no_errors(page)
    assert page.locator(".widget-slider").count() >= 1
    screenshot(page, "00_getting_started")
