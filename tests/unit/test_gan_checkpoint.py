"""The shipped GAN checkpoint fits notebook 12's generator: when the notebook's networks change, this
fails until the checkpoint is re-made with scripts/train_gan_checkpoint.py."""

import importlib.util
from pathlib import Path

import mxnet as mx
import pytest
from mxnet import nd

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_gan_checkpoint", ROOT / "scripts" / "train_gan_checkpoint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def notebook(script):
    return script.notebook_definitions()


def test_the_notebook_tags_what_the_script_needs(notebook):
    for name in ("gan_step", "Generator", "Discriminator", "ready", "train_gan", "Z"):
        assert name in notebook, f"notebook 12's cells tagged 'definitions' no longer define {name}"


def test_the_shipped_checkpoint_loads_into_the_notebooks_generator(script, notebook):
    G = notebook["ready"](notebook["Generator"](classes=10), mx.cpu())
    G.load_parameters(str(script.CHECKPOINT), ctx=mx.cpu())   # raises on any missing or misshapen weight
    images = G(nd.random.normal(shape=(4, notebook["Z"], 1, 1)), nd.array([0, 1, 2, 3]))
    assert images.shape == (4, 1, 28, 28)
    assert -1 <= images.min().asscalar() and images.max().asscalar() <= 1


def test_the_notebooks_training_step_takes_its_device_from_the_data(notebook):
    """train_gan and gan_step run on whatever device the images are on: no global `ctx` needed."""
    G = notebook["ready"](notebook["Generator"](), mx.cpu())
    D = notebook["ready"](notebook["Discriminator"](), mx.cpu())
    namespace = notebook["train_gan"].__globals__
    saved = namespace.pop("ctx", None)
    try:
        losses = notebook["train_gan"](G, D, nd.random.uniform(-1, 1, shape=(64, 1, 28, 28)), epochs=1, batch_size=32)
    finally:
        if saved is not None:
            namespace["ctx"] = saved
    assert losses["generator"].shape == (2,) and losses["discriminator"].shape == (2,)
