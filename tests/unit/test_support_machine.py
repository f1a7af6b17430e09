"""helpers.support.machine: the CPU's vector instructions and whether Python runs under Rosetta 2."""

import pytest

from helpers.support import machine


@pytest.mark.parametrize("flags, expected", [
    ({"fpu", "sse4_2", "avx", "avx2", "avx512f"}, ("AVX-512", 512)),
    ({"sse4_2", "avx", "avx2"}, ("AVX2", 256)),
    ({"fp", "asimd", "sve"}, ("SVE", 128)),
    ({"fp", "asimd"}, ("NEON", 128)),
    (set(), ("unknown vector width", 0)),
], ids=["x86 AVX-512", "x86 AVX2", "Arm SVE", "Arm NEON", "no flags"])
def test_vector_extension_names_the_widest_and_its_bits(flags, expected):
    assert machine.vector_extension(flags) == expected


def test_the_platform_line_names_the_vector_width_from_the_cpus_flags(monkeypatch):
    monkeypatch.setattr(machine, "cpu_flags", lambda: {"fpu", "sse4_2", "avx", "avx2", "avx512f"})
    assert machine.platform_line() == f"{machine.platform.system()} {machine.platform.machine()}, AVX-512"
    assert machine.cpu_line().endswith(f"{machine.platform_line()})")


def test_rosetta_is_detected_and_explained(monkeypatch):
    monkeypatch.setattr(machine.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(machine, "_sysctl", lambda name: "1" if name == "sysctl.proc_translated" else "")
    assert machine.under_emulation() and "emulated by Rosetta 2" in machine.platform_line()
    monkeypatch.setattr(machine, "_sysctl", lambda name: "0" if name == "sysctl.proc_translated" else "")
    assert not machine.under_emulation()


def test_the_cpu_description_and_line_say_the_same():
    from helpers.support import machine

    cpu = machine.cpu_description()
    assert set(cpu) == {"model", "vector", "vector_bits", "cores", "threads"}
    assert cpu["model"] in machine.cpu_line() and f"{cpu['cores']} cores" in machine.cpu_line()
