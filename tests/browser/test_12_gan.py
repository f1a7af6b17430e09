"""Notebook 12 in JupyterLab: the digit picker draws with the generator and the digit picked."""


from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_cells,
    screenshot,
    wait_until_settled,
)


def test_gan_digit_picker_draws_with_the_generator_and_digit_picked(page, lab):
    """The real picker in the real notebook, without training the GANs again (nbval has run the whole
    notebook, "trained here" included): the networks' definitions, the shipped checkpoint and an
    untrained generator, then the picker's own cells."""
    run_cells(page, lab, "12_gan.ipynb", ["import helpers  # first", "class Generator(", "class Discriminator(",
                                          "def ready(net, ctx)"])
    cell = page.locator(".jp-CodeCell").filter(has_text="def draw_digit(").first
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("a")                                  # a new cell above the picker
    page.keyboard.press("Enter")
    page.keyboard.insert_text(                                # what the checkpoint cell builds, minus training
        'checkpoint = Path(helpers.__file__).resolve().parents[1] / "checkpoints" / "cgan_generator.params"\n'
        'generators = {"untrained": ready(Generator(classes=10), ctx),\n'
        '              "shipped checkpoint": ready(Generator(classes=10), ctx)}\n'
        'generators["shipped checkpoint"].load_parameters(str(checkpoint), ctx=ctx)')
    page.keyboard.press("Shift+Enter")                        # run it; the picker's cell is selected next
    wait_until_settled(page)
    page.keyboard.press("Shift+Enter")                        # run the picker
    wait_until_settled(page)
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-dropdown")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    assert any("eight 7s (untrained)" in t for t in plot_texts(output)), plot_texts(output)
    box.locator(".widget-dropdown select").select_option("shipped checkpoint")
    wait_until_settled(page)
    assert any("eight 7s (shipped checkpoint)" in t for t in plot_texts(output))
    digit = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('digit')"))
    move_slider(page, digit, -4)                            # 7 -> 3
    assert any("eight 3s (shipped checkpoint)" in t for t in plot_texts(output))
    assert_no_errors(page)
    screenshot(page, "12_gan_digit_picker")
