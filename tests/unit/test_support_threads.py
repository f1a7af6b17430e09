"""helpers.support.threads: MXNet gets every CPU core unless the user chose a number."""

import os
import subprocess
import sys

import pytest

from helpers.support import threads


def test_course_uses_all_cores_unless_the_user_chose(monkeypatch):
    import mxnet  # noqa: F401  (so that the warning below is due)

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


def fake_cgroup(tmp_path, monkeypatch, files: dict[str, str], proc_cgroup: str):
    """A cgroup tree under tmp_path with `files`, and /proc/self/cgroup saying `proc_cgroup`."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    real_read = threads.Path.read_text

    def read_text(self, *args, **kwargs):
        return proc_cgroup if str(self) == "/proc/self/cgroup" else real_read(self, *args, **kwargs)

    monkeypatch.setattr(threads.Path, "read_text", read_text)
    return tmp_path


@pytest.mark.parametrize("files, proc, expected", [
    ({"cpu.max": "max 100000\n"}, "0::/\n", None),                                        # v2, no limit
    ({"cpu.max": "150000 100000\n"}, "0::/\n", 1.5),                                      # v2, 1.5 CPUs
    ({"user/cpu.max": "100000 100000\n", "cpu.max": "400000 100000\n"}, "0::/user\n", 1.0),  # the tighter parent
    ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, "4:cpu,cpuacct:/\n", 0.5),  # v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, "4:cpu,cpuacct:/\n", None),
])
def test_the_cpu_quota_of_cgroups_v1_and_v2(tmp_path, monkeypatch, files, proc, expected):
    root = fake_cgroup(tmp_path, monkeypatch, files, proc)
    assert threads.cpu_quota(root) == expected


def test_a_quota_caps_the_thread_count_below_the_core_list(monkeypatch):
    monkeypatch.setattr(threads.os, "sched_getaffinity", lambda pid: set(range(64)))
    monkeypatch.setattr(threads, "cpu_quota", lambda: 1.5)
    assert threads.available_cores() == 2                  # 1.5 CPUs: two threads, not 64
    monkeypatch.setattr(threads, "cpu_quota", lambda: 0.2)
    assert threads.available_cores() == 1
    monkeypatch.setattr(threads, "cpu_quota", lambda: None)
    assert threads.available_cores() == 64
