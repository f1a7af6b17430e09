"""Notebook 13 in JupyterLab: the pruning slider and the INT8 switch re-measure the network."""


from .jupyterlab import (
    assert_no_errors,
    move_slider,
    plot_texts,
    run_cells,
    screenshot,
    wait_until_settled,
    widget_output,
)


def test_pruning_slider_and_int8_switch_remeasure_the_network(page, lab):
    # Only what the playground needs (nbval has run the rest): the trained MLP and the definitions
    run_cells(page, lab, "13_edge_models.ipynb", [
        "import helpers", 'models = {"MLP"', "def saved_size", "def quantize(net", "class MaskedDense",
        "def pruned_copy", "def plain_mlp", "def prune_and_measure", "def draw_tradeoff", "playground(draw_tradeoff"])
    box, output = widget_output(page, "pruned")
    assert any("pruned 90%: accuracy" in t for t in plot_texts(output)), plot_texts(output)
    move_slider(page, box.locator(".widget-slider"), -20)   # 90% -> 50%
    texts = "".join(plot_texts(output))
    assert "pruned 50%: accuracy" in texts, texts[:300]
    box.locator(".widget-checkbox input").check()
    wait_until_settled(page)
    texts = "".join(plot_texts(output))
    assert "pruned 50% INT8: accuracy" in texts and "KB compressed" in texts, texts[:300]
    assert_no_errors(page)
    screenshot(page, "13_pruning_tradeoff")
