"""helpers.support.threads: MXNet gets every CPU core unless the user chose a number."""

import os
import subprocess
import sys

import pytest

from helpers.support import threads


def test_course_uses_all_cores_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with pytest.warns(UserWarning, match="mxnet was imported before helpers"):  # mxnet is loaded here
        assert threads.use_all_cores() == str(threads.available_cores())
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert threads.use_all_cores() == "1"
    assert os.environ["OMP_NUM_THREADS"] == "1"


def test_a_fresh_kernel_gets_the_setting_before_mxnet_starts():
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    code = "import helpers, mxnet, os; print(os.environ['OMP_NUM_THREADS'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(threads.available_cores())
