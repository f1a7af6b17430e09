"""Driving a notebook in JupyterLab from the browser tests: open it, run all or some of its cells from
the Run menu, wait until it settles, read the figures' text, move sliders, check for errors.
Screenshots land in artifacts/browser/ (git-ignored).
"""

import base64
import time
from pathlib import Path
from urllib.parse import unquote

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"


def open_notebook(page, lab, notebook: str) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is connected and idle."""
    page.goto(f"{lab['base']}/lab/tree/{notebook}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function("""() => {
        const name = document.querySelector('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName');
        const status = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
        return name && !/No Kernel|Connecting/.test(name.textContent) && status
               && status.getAttribute('data-status') === 'idle';
    }""", timeout=60_000)


def open_and_run_all(page, lab, notebook: str, timeout_s: int = 240) -> None:
    """Open a notebook, wait for its kernel, run all cells from the Run menu, wait until done."""
    open_notebook(page, lab, notebook)
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.click(".lm-Menu-item[data-command='runmenu:run-all']")
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
        return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }""", timeout=timeout_s * 1000, polling=1000)
    wait_until_settled(page)


def wait_until_settled(page, quiet_ms: int = 1500, timeout_s: int = 120) -> None:
    """Wait until the kernel is idle and the notebook's DOM has not changed for `quiet_ms`."""
    page.evaluate("""() => {
        window.__lastChange = Date.now();
        new MutationObserver(() => { window.__lastChange = Date.now(); })
            .observe(document.querySelector('.jp-NotebookPanel'), {subtree: true, childList: true,
                                                                   characterData: true, attributes: true});
    }""")
    page.wait_for_function(f"""() => {{
        const status = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
        return status && status.getAttribute('data-status') === 'idle' && Date.now() - window.__lastChange > {quiet_ms};
    }}""", timeout=timeout_s * 1000, polling=250)


def assert_no_errors(page) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = [t for t in errors.all_inner_texts() if "warning" not in t.lower() and t.strip()]
    assert not texts, f"error output in the notebook: {texts[:3]}"
    assert page.locator("text=Error displaying widget").count() == 0
    assert page.locator(".jp-RenderedText:has-text('Traceback')").count() == 0
    assert not page.errors, page.errors


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def plot_texts(output) -> list[str]:
    """The SVG source of every figure in a widget's output area (its text, titles included, is real
    text because the test kernel draws SVG with svg.fonttype 'none')."""
    texts = []
    for img in output.locator("img").all():
        src = img.get_attribute("src") or ""
        if src.startswith("data:image/svg+xml;base64,"):
            texts.append(base64.b64decode(src.split(",", 1)[1]).decode(errors="replace"))
        elif src.startswith("data:image/svg+xml,"):
            texts.append(unquote(src.split(",", 1)[1]))
    return texts


def move_slider(page, slider, presses: int) -> None:
    """Move a noUiSlider handle with the keyboard (one step per press), then wait for the re-run."""
    handle = slider.locator(".noUi-handle")
    handle.focus()
    for _ in range(abs(presses)):
        handle.press("ArrowRight" if presses > 0 else "ArrowLeft")
    wait_until_settled(page)


def widget_box(page, lab, notebook: str, marker: str, timeout_s: int = 240):
    """Run a notebook in the browser, check it shows no error, and return the last widget box that
    contains `marker` (a selector) and that box's output area, scrolled into view."""
    open_and_run_all(page, lab, notebook, timeout_s)
    assert_no_errors(page)
    box = page.locator(".widget-vbox").filter(has=page.locator(marker)).last
    box.scroll_into_view_if_needed()
    return box, box.locator(".widget-output")


def wait_for_plot(output, wanted: str, timeout_s: int = 120) -> list[str]:
    """Poll the output area until a figure's SVG contains `wanted` (runs in a thread finish after the
    kernel is idle again), and return the figures' texts."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        texts = plot_texts(output)
        if any(wanted in t for t in texts):
            return texts
        time.sleep(0.5)
    raise AssertionError(f"no figure with {wanted!r} after {timeout_s} s: {[t[-300:] for t in plot_texts(output)]}")


def run_cells(page, lab, notebook: str, cell_texts: list[str], timeout_s: int = 120) -> None:
    """Open a notebook and run only the cells containing each of `cell_texts`, in that order (Run menu)."""
    open_notebook(page, lab, notebook)
    for text in cell_texts:
        cell = page.locator(".jp-CodeCell").filter(has_text=text).first
        cell.scroll_into_view_if_needed()
        cell.locator(".jp-InputPrompt").click()
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-item[data-command='notebook:run-cell']")
        wait_until_settled(page, timeout_s=timeout_s)


def run_up_to(page, lab, notebook: str, cell_text: str, timeout_s: int = 240) -> None:
    """Open a notebook and run it from the top down to the cell containing `cell_text` (Run menu: all
    above, then the cell itself), so a test of an early widget doesn't pay for the whole notebook."""
    open_notebook(page, lab, notebook)
    cell = page.locator(".jp-CodeCell").filter(has_text=cell_text).first
    cell.locator(".jp-InputPrompt").click()
    for command in ("notebook:run-all-above", "notebook:run-cell"):
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(f".lm-Menu-item[data-command='{command}']")
        wait_until_settled(page, timeout_s=timeout_s)
    assert_no_errors(page)


def widget_output(page, label: str):
    """The widget box whose controls include `label`, scrolled into view, and its output area."""
    box = page.locator(".widget-vbox").filter(has=page.locator(f".widget-label:has-text('{label}')")).last
    box.scroll_into_view_if_needed()
    return box, box.locator(".widget-output")


def upload(page, box, path: Path) -> None:
    """Click the upload button and answer the file chooser it opens with `path`, as a learner would."""
    with page.expect_file_chooser() as chooser:
        box.locator(".widget-upload").click()
    chooser.value.set_files(str(path))
    wait_until_settled(page)
