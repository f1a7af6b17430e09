"""Every public helper says what it is for and which notebook introduces it (d2l's "Defined in" habit)."""

import helpers

import importlib
import inspect
import pkgutil
import re

NOTEBOOK = re.compile(r"\bnotebooks? \d\d\b", re.IGNORECASE)
# Plumbing the learner never calls (command-line tools, the benchmark's worker processes, test support).
NOT_FOR_NOTEBOOKS = {"helpers.cache.cli", "helpers.tools.bench", "helpers.cache.download", "helpers.cache.registry", "helpers.support.threads",
                     "helpers.tools.wheel_files"}


def public_helpers():
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for name, value in vars(module).items():
            if (not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
                    and value.__module__ == module.__name__):
                yield module, name, value


def test_every_public_helper_has_a_docstring():
    missing = [f"{module.__name__}.{name}" for module, name, value in public_helpers() if not inspect.getdoc(value)]
    assert not missing, missing


def test_every_public_helper_names_the_notebook_that_introduces_it():
    unnamed = [f"{module.__name__}.{name}" for module, name, value in public_helpers()
               if module.__name__ not in NOT_FOR_NOTEBOOKS and not NOTEBOOK.search(inspect.getdoc(value) or "")]
    assert not unnamed, unnamed


def test_every_module_docstring_names_its_notebooks_or_what_else_runs_it():
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        doc = module.__doc__ or ""
        assert NOTEBOOK.search(doc) or any(user in doc for user in ("python -m", "make ", "scripts/")), info.name
