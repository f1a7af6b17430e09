"""Notebook 08 in JupyterLab: the kernel editor applies presets and typed weights."""


from .jupyterlab import (
    assert_no_errors,
    plot_texts,
    run_up_to,
    screenshot,
    wait_until_settled,
)


def test_kernel_editor_applies_presets_and_typed_weights(page, lab):
    run_up_to(page, lab, "08_mlp_vs_cnn.ipynb", "preset.observe(use_preset")
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-dropdown")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    assert any("edges (all directions): weights sum to 0.00" in t for t in plot_texts(output))
    box.locator(".widget-dropdown select").select_option("blur")
    wait_until_settled(page)
    assert any("blur: weights sum to 1.00" in t for t in plot_texts(output)), plot_texts(output)
    centre = box.locator(".widget-text input").nth(4)
    centre.fill("2")
    centre.press("Enter")
    wait_until_settled(page)
    texts = plot_texts(output)
    assert any("your kernel: weights sum to 2.89" in t for t in texts), texts
    centre.fill("1000")                                      # out of range: the box keeps it within ±100
    centre.press("Enter")
    wait_until_settled(page)
    assert float(centre.input_value()) <= 100
    assert_no_errors(page)
    screenshot(page, "08_kernel_editor")
