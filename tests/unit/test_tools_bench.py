"""helpers.tools.bench: its pieces run and its report prints (timings themselves belong in `make bench`)."""

from helpers.support.machine import cpu_description
from helpers.tools import bench


def test_each_part_of_a_step_is_timed_with_fits_own_step():
    parts = bench.step_parts("mlp", batch_size=8, repeats=2)
    assert set(parts) == {"forward", "loss", "backward", "update", "python"}
    assert all(ms > 0 for ms in parts.values()), parts


def test_the_report_names_the_cpu_and_prints_every_row(capsys):
    row = {"threads": "all cores", "network": "mlp", "batch": 256, "mode": "hybridized", "samples_per_s": 40000,
           "s_per_epoch_60k": 1.5, "mflop_per_sample": 2.4, "bound_samples_per_s": 90000, "fraction_of_bound": 0.44,
           "step_ms": {"forward": 1.7, "loss": 0.1, "backward": 2.2, "update": 1.0, "python": 1.2, "step": 6.4}}
    result = {"setting": "all cores", "omp_num_threads": "2", "cpu": cpu_description(), "mxnet": "1.9.1",
              "gemm_gflops": {"dot": 180.0, "fully_connected": 210.0}, "rows": [row, {**row, "mode": "imperative",
                                                                                       "step_ms": None}]}
    bench.print_table([result])
    out = capsys.readouterr().out
    assert out.startswith(f"CPU: {cpu_description()['model']}")
    assert "mlp           256  hybridized      40000" in out and "44.0%" in out
    assert "6.40" in out.splitlines()[-1]                     # the step column of the parts table
