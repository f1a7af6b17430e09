"""The shipped GAN checkpoint fits notebook 12's generator: when the notebook's networks change, this
fails until the checkpoint is re-made with scripts/train_gan_checkpoint.py."""

import importlib.util
from pathlib import Path

import pytest
from mxnet import nd

ROOT = Path(__file__).resolve().parents[1]


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
    for name in ("gan_step", "Generator", "Discriminator", "ready", "train_gan", "load_arrays", "Z", "ctx"):
        assert name in notebook, f"notebook 12's cells tagged 'definitions' no longer define {name}"


def test_the_shipped_checkpoint_loads_into_the_notebooks_generator(script, notebook):
    G = notebook["ready"](notebook["Generator"](classes=10))
    G.load_parameters(str(script.CHECKPOINT), ctx=notebook["ctx"])   # raises on any missing or misshapen weight
    images = G(nd.random.normal(shape=(4, notebook["Z"], 1, 1), ctx=notebook["ctx"]),
               nd.array([0, 1, 2, 3], ctx=notebook["ctx"]))
    assert images.shape == (4, 1, 28, 28)
    assert -1 <= images.min().asscalar() and images.max().asscalar() <= 1
