"""Notebook 07 in JupyterLab: the optimizer race's controls re-run the race."""


from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_cells,
    screenshot,
    wait_until_settled,
)


def test_optimizer_race_controls_rerun_the_race(page, lab):
    # Only the imports and the control (nbval has run the races above it)
    run_cells(page, lab, "07_optimizer_race.ipynb", ["import helpers", "def run_race", "controls = dict("])
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-dropdown")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    assert any("Beale" in t for t in plot_texts(output))
    box.locator(".widget-dropdown select").select_option("Rosenbrock")
    wait_until_settled(page)
    assert any("Rosenbrock" in t for t in plot_texts(output))
    steps = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('steps')"))
    move_slider(page, steps, -3)
    assert output.locator("table").count() == 1
    assert_no_errors(page)
    screenshot(page, "07_optimizer_race")
