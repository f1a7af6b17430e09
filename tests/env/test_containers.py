"""The container routes (VS Code Dev Containers / Codespaces, Binder) reuse the tested set-up: no second recipe."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def commands(text: str) -> list[str]:
    """The command lines of a shell snippet (no comments, no `set` options, trailing comments dropped)."""
    lines = [line.split("  #")[0].strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith(("#", "set "))]


def test_the_dev_container_is_python_3_11_on_bookworm_and_runs_make_setup():
    text = "\n".join(line for line in (ROOT / ".devcontainer" / "devcontainer.json").read_text().splitlines()
                     if not line.strip().startswith("//"))
    config = json.loads(text)
    assert re.fullmatch(r"python:3\.11(\.\d+)?-bookworm", config["image"])
    assert config["postCreateCommand"] == "make setup"  # the README's set-up target, which make test runs
    assert 8888 in config["forwardPorts"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^setup: .*\bdata\b", makefile, re.M) and re.search(r"^test: setup\b", makefile, re.M)


def test_binder_runs_the_readme_conda_route():
    conda_block = (ROOT / "README.md").read_text().split("**Conda instead of venv:**", 1)[1].split("```")[1]
    post_build = commands((ROOT / "postBuild").read_text())
    assert post_build == ["pip install -e . --no-deps", "python -m helpers.cache fetch"]
    assert all(line in commands(conda_block) for line in post_build)
    data_recipe = (ROOT / "Makefile").read_text().split("\ndata:", 1)[1].split("\n\n", 1)[0]
    assert "-m helpers.cache fetch" in data_recipe  # the same download step as make setup's
    assert re.search(r"^\s*-\s*python=3\.11\s*$", (ROOT / "environment.yml").read_text(), re.M)
