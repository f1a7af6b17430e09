"""The course as a learner meets it: JupyterLab in headless Chromium, cells run from the UI.

Each test opens a copy of a notebook, runs all cells through the Run menu, checks that no cell shows
an error and every widget renders, moves sliders and checks that the plot changes. Screenshots land
in artifacts/browser/ (git-ignored).
"""

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_ready(base: str, token: str) -> bool:
    request = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token and isolated config, serving copies of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    work = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config = home / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    ipython = home / "ipython" / "profile_default"
    ipython.mkdir(parents=True)
    # SVG figures with real text, so a test can read a plot's title
    (ipython / "ipython_kernel_config.py").write_text(
        "c.InlineBackend.figure_formats = {'svg'}\nc.InlineBackend.rc = {'svg.fonttype': 'none'}\n")
    kernels = home / "data" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               MPLCONFIGDIR=str(home / "mpl"))
    port, token = free_port(), hashlib.sha1(os.urandom(16)).hexdigest()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", "--ServerApp.terminals_enabled=False"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while not api_ready(base, token):
        if server.poll() is not None or time.time() > deadline:
            server.kill()
            pytest.fail(f"JupyterLab did not start; log: {(home / 'lab.log').read_text()[-2000:]}")
        time.sleep(0.5)
    yield {"base": base, "token": token}
    request = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                     headers={"Authorization": f"token {token}"})
    try:
        urllib.request.urlopen(request, timeout=5)
        server.wait(timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if server.poll() is None:
                server.send_signal(sig)
                try:
                    server.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    continue
    log.close()


@pytest.fixture(scope="module")
def browser(browser_executable):
    """Chromium (found as tests/browsers.py says) driven by Playwright; fails clearly when it can't start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=browser_executable.executable, headless=True,
                                         args=CHROMIUM_ARGS)
        except Exception as err:  # playwright raises its own Error type
            pytest.fail(f"Chromium ({browser_executable.found_by}) could not start: {err}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()
    shut_down_kernels(lab)


def shut_down_kernels(lab) -> None:
    """Stop the kernels a test started, so the next notebook has both cores to itself."""
    headers = {"Authorization": f"token {lab['token']}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab['base']}/api/kernels", headers=headers)) as reply:
        kernels = json.load(reply)
    for kernel in kernels:
        request = urllib.request.Request(f"{lab['base']}/api/kernels/{kernel['id']}", method="DELETE", headers=headers)
        urllib.request.urlopen(request, timeout=10)


def open_and_run_all(page, lab, notebook: str, timeout_s: int = 240) -> None:
    """Open a notebook, wait for its kernel, run all cells from the Run menu, wait until done."""
    page.goto(f"{lab['base']}/lab/tree/{notebook}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function("""() => {
        const name = document.querySelector('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName');
        const status = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
        return name && !/No Kernel|Connecting/.test(name.textContent) && status
               && status.getAttribute('data-status') === 'idle';
    }""", timeout=60_000)
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


def test_getting_started_runs_in_the_browser(page, lab):
    open_and_run_all(page, lab, "00_getting_started.ipynb")
    assert_no_errors(page)
    assert page.locator(".widget-slider").count() >= 1
    screenshot(page, "00_getting_started")


def test_training_playground_sliders_retrain_for_real(page, lab):
    box, output = widget_box(page, lab, "04_training_loop.ipynb", ".widget-label:has-text('learning rate')")
    sliders = {label: box.locator(".widget-slider").filter(has=page.locator(f".widget-label:has-text('{label}')"))
               for label in ("learning rate", "batch size", "epochs")}
    for slider in sliders.values():
        assert slider.count() == 1 and slider.is_visible()
    before = plot_texts(output)
    assert any("learning rate 0.1" in t and "batch size 64" in t for t in before), before
    move_slider(page, sliders["learning rate"], 4)          # 0.1 -> 1.0 (4 steps of 10^0.25)
    after_lr = plot_texts(output)
    assert any("learning rate 1," in t for t in after_lr), after_lr
    move_slider(page, sliders["batch size"], 5)             # 64 -> 69
    after_bs = plot_texts(output)
    assert any("batch size 69" in t for t in after_bs), after_bs
    assert_no_errors(page)
    screenshot(page, "04_training_playground")


def test_optimizer_race_controls_rerun_the_race(page, lab):
    box, output = widget_box(page, lab, "07_optimizer_race.ipynb", ".widget-dropdown")
    assert any("Beale" in t for t in plot_texts(output))
    box.locator(".widget-dropdown select").select_option("Rosenbrock")
    wait_until_settled(page)
    assert any("Rosenbrock" in t for t in plot_texts(output))
    steps = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('steps')"))
    move_slider(page, steps, -3)
    assert output.locator("table").count() == 1
    assert_no_errors(page)
    screenshot(page, "07_optimizer_race")


def test_gan_digit_picker_draws_with_the_generator_and_digit_picked(page, lab):
    box, output = widget_box(page, lab, "12_gan.ipynb", ".widget-dropdown", timeout_s=480)
    assert any("eight 7s (trained here)" in t for t in plot_texts(output))
    box.locator(".widget-dropdown select").select_option("shipped checkpoint")
    wait_until_settled(page)
    assert any("eight 7s (shipped checkpoint)" in t for t in plot_texts(output))
    digit = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('digit')"))
    move_slider(page, digit, -4)                            # 7 -> 3
    assert any("eight 3s (shipped checkpoint)" in t for t in plot_texts(output))
    assert_no_errors(page)
    screenshot(page, "12_gan_digit_picker")


def run_up_to(page, lab, notebook: str, cell_text: str, timeout_s: int = 240) -> None:
    """Open a notebook and run it from the top down to the cell containing `cell_text` (Run menu: all
    above, then the cell itself), so a test of an early widget doesn't pay for the whole notebook."""
    page.goto(f"{lab['base']}/lab/tree/{notebook}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function("""() => {
        const status = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
        return status && status.getAttribute('data-status') === 'idle';
    }""", timeout=60_000)
    cell = page.locator(".jp-CodeCell").filter(has_text=cell_text).first
    cell.locator(".jp-InputPrompt").click()
    for command in ("notebook:run-all-above", "notebook:run-cell"):
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(f".lm-Menu-item[data-command='{command}']")
        wait_until_settled(page, timeout_s=timeout_s)
    assert_no_errors(page)


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


def widget_output(page, label: str):
    """The widget box whose controls include `label`, scrolled into view, and its output area."""
    box = page.locator(".widget-vbox").filter(has=page.locator(f".widget-label:has-text('{label}')")).last
    box.scroll_into_view_if_needed()
    return box, box.locator(".widget-output")


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
