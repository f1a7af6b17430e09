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


def test_getting_started_runs_in_the_browser(page, lab):
    open_and_run_all(page, lab, "00_getting_started.ipynb")
    assert_no_errors(page)
    assert page.locator(".widget-slider").count() >= 1
    screenshot(page, "00_getting_started")


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


def test_training_playground_sliders_retrain_for_real(page, lab):
    box, output = widget_box(page, lab, "04_training_loop.ipynb", ".widget-label:has-text('learning rate')")
    sliders = {label: box.locator(".widget-slider").filter(has=page.locator(f".widget-label:has-text('{label}')"))
               for label in ("learning rate", "batch size", "epochs")}
    for slider in sliders.values():
        assert slider.count() == 1 and slider.is_visible()
    wait_for_plot(output, "learning rate 0.1, batch size 64")
    move_slider(page, sliders["learning rate"], 4)          # 0.1 -> 1.0 (4 steps of 10^0.25)
    wait_for_plot(output, "learning rate 1, batch size 64")
    move_slider(page, sliders["batch size"], 5)             # 64 -> 69
    wait_for_plot(output, "learning rate 1, batch size 69")
    assert_no_errors(page)
    screenshot(page, "04_training_playground")


def test_a_long_run_is_announced_shows_progress_and_stops_when_a_slider_moves(page, lab):
    box, output = widget_box(page, lab, "04_training_loop.ipynb", ".widget-label:has-text('learning rate')")
    wait_for_plot(output, "learning rate 0.1, batch size 64")
    status = box.locator(".playground-status")
    epochs = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('epochs')"))
    batch = box.locator(".widget-slider").filter(has=page.locator(".widget-label:has-text('batch size')"))
    def press(slider, key: str, times: int) -> None:     # no waiting in between: the runs are in a thread
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            handle.press(key)

    press(batch, "Home", 1)                                 # batch size 1: 3,000 steps per epoch ...
    press(epochs, "ArrowRight", 15)                         # ... for 20 epochs: 60,000 steps
    page.wait_for_function("el => /60,000 steps.*epoch 1\\/20: \\d+\\/3000 batches/.test(el.textContent)",
                           arg=status.element_handle(), timeout=60_000)   # announced, and progress as it runs
    started = time.time()
    press(epochs, "ArrowLeft", 19)                          # back to 1 epoch: the long run stops at once
    page.wait_for_function("el => el.textContent.includes('trained 1 epoch of 3000 batches')",
                           arg=status.element_handle(), timeout=60_000)
    assert time.time() - started < 45, "the 60,000-step run (about 90 s) was stopped, not finished first"
    texts = wait_for_plot(output, "batch size 1")
    assert len(texts) == 1, "one figure: the new run's replaces the old one"
    assert_no_errors(page)
    screenshot(page, "04_long_run_stopped")


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


def upload(page, box, path: Path) -> None:
    """Click the upload button and answer the file chooser it opens with `path`, as a learner would."""
    with page.expect_file_chooser() as chooser:
        box.locator(".widget-upload").click()
    chooser.value.set_files(str(path))
    wait_until_settled(page)


def test_classify_your_own_photo_accepts_a_photo_and_refuses_a_non_image(page, lab, tmp_path):
    run_up_to(page, lab, "09_pretrained_models.ipynb", "show_course_photo()")
    box = page.locator(".widget-vbox").filter(has=page.locator(".widget-upload")).last
    box.scroll_into_view_if_needed()
    output = box.locator(".widget-output")
    assert any("chelsea.png: " in t for t in plot_texts(output)), "the course photo picker starts with the cat"
    not_a_photo = tmp_path / "notes.jpg"
    not_a_photo.write_text("this is a text file with a .jpg name")
    upload(page, box, not_a_photo)
    assert "notes.jpg is not a JPEG or PNG image" in output.inner_text()
    photo = tmp_path / "my_photo.jpg"
    from helpers.cache import cached_file

    shutil.copy(cached_file("images/dog.jpg"), photo)
    upload(page, box, photo)
    texts = plot_texts(output)
    assert any("my_photo.jpg: " in t for t in texts), texts
    box.locator(".widget-dropdown select").select_option("mt_baker.jpg")
    wait_until_settled(page)
    assert any("mt_baker.jpg: " in t for t in plot_texts(output))
    assert_no_errors(page)
    screenshot(page, "09_your_own_photo")


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
