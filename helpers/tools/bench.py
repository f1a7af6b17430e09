"""MNIST training-speed benchmark: `python -m helpers.tools.bench [--quick] [--json]` (`make bench`, README).

Measures this machine's fp32 matrix-multiply rate, then the training samples/s of `helpers.train.fit`
for the MLP and LeNet (and, for comparison, LeNet with the classic 20/50 filters) at several batch
sizes, imperative vs hybridized, with MXNet's default thread count vs all cores, how close each gets to
the bound that the matrix-multiply rate sets (FLOPs per sample / rate), and the time of each part of one
hybridized step. It names the CPU (model, vector width): figures differ between CPU kinds.
Thread counts only apply before mxnet is imported, so each setting runs in its own process."""

import argparse
import json
import os
import subprocess
import sys

import numpy as np

# name -> (function in helpers.models, its arguments, samples per timed epoch: ~1-2 s each)
NETWORKS = {"mlp": ("mlp", {}, 25_600),
            "lenet": ("lenet", {}, 12_288),
            "lenet-20-50": ("lenet", {"channels": (20, 50)}, 6_144)}   # the classic filters, for comparison


def build(network: str):
    """The course's MLP or LeNet (16/32 filters), or LeNet with MXNet's classic 20/50 filters."""
    from helpers import models

    function, arguments, _ = NETWORKS[network]
    return getattr(models, function)(**arguments)


def gemm_gflops(n: int = 2048, repeat: int = 10) -> dict[str, float]:
    """Best fp32 rate of an n x n matrix product, via nd.dot (BLAS) and FullyConnected (oneDNN)."""
    import mxnet as mx

    from helpers.timing import each_run_seconds

    a, b = mx.nd.random.uniform(shape=(n, n)), mx.nd.random.uniform(shape=(n, n))
    rates = {}
    for name, op in (("dot", lambda: mx.nd.dot(a, b)),
                     ("fully_connected", lambda: mx.nd.FullyConnected(a, b, no_bias=True, num_hidden=n))):
        rates[name] = 2 * n ** 3 / min(each_run_seconds(lambda op=op: op().wait_to_read(), repeat)) / 1e9
    return rates


def step_parts(network: str, batch_size: int, repeats: int = 30) -> dict[str, float]:
    """Milliseconds of each part of one hybridized training step, each timed alone (waiting for it):
    forward, loss, backward, update; `python`: how long Python takes to issue a whole step of `fit`
    (MXNet then computes asynchronously). A whole step's time comes from `samples_per_second`."""
    import mxnet as mx
    from mxnet import autograd, gluon, nd

    from helpers.support.fast_step import TrainingStep
    from helpers.timing import median_seconds

    x = nd.random.uniform(shape=(batch_size, 1, 28, 28))
    y = nd.array(np.random.default_rng(0).integers(0, 10, batch_size))
    net, loss_fn = build(network), gluon.loss.SoftmaxCrossEntropyLoss()
    net.initialize(mx.init.Xavier())
    step = TrainingStep(net, "sgd", {"learning_rate": 0.01, "momentum": 0.9})     # fit's step, hybridized
    state: dict = {}

    def forward():
        with autograd.record():
            state["out"] = net(x)

    def loss():
        with autograd.record():
            state["loss"] = loss_fn(state["out"], y)

    def backward():
        state["loss"].backward()

    def median_ms(call, before=(), wait=True) -> float:
        def prepare():                                # untimed: what the timed part consumes, then an idle device
            for part in before:
                part()
            nd.waitall()
        timed = (lambda: (call(), nd.waitall())) if wait else call   # without waiting: the time to issue the call
        return round(1e3 * median_seconds(timed, repeats, prepare), 3)

    return {"forward": median_ms(forward), "loss": median_ms(loss, [forward]),
            "backward": median_ms(backward, [forward, loss]),
            "update": median_ms(lambda: step.trainer.step(batch_size), [forward, loss, backward]),
            "python": median_ms(lambda: step(x, y), wait=False)}


def worker(setting: str, omp_num_threads: str, batch_sizes: list[int], epochs: int) -> dict:
    """Everything measured in one process (one thread setting); returns a JSON-able dict."""
    import mxnet as mx

    from helpers.flops import training_flops
    from helpers.support.machine import cpu_description
    from helpers.timing import samples_per_second

    gemm = gemm_gflops()
    bound_gflops = max(gemm.values())
    rows = []
    for network, (_, _, samples) in NETWORKS.items():
        net = build(network)
        net.initialize()
        flops = training_flops(net, (1, 28, 28))
        for batch_size in batch_sizes:
            for hybridize in (False, True):
                rate = samples_per_second(lambda network=network: build(network), batch_size, hybridize,
                                          samples, epochs)
                rows.append({"threads": setting, "network": network, "batch": batch_size,
                             "mode": "hybridized" if hybridize else "imperative",
                             "samples_per_s": round(rate), "s_per_epoch_60k": round(60_000 / rate, 2),
                             "mflop_per_sample": round(flops / 1e6, 2),
                             "bound_samples_per_s": round(bound_gflops * 1e9 / flops),
                             "fraction_of_bound": round(rate * flops / (bound_gflops * 1e9), 3),
                             "step_ms": ({**step_parts(network, batch_size), "step": round(1e3 * batch_size / rate, 3)}
                                         if hybridize else None)})
    return {"setting": setting, "omp_num_threads": omp_num_threads, "cpu": cpu_description(),
            "mxnet": mx.__version__, "gemm_gflops": {k: round(v, 1) for k, v in gemm.items()}, "rows": rows}


def run_setting(setting: str, batch_sizes: list[int], epochs: int) -> dict:
    """Run `worker` in a fresh process whose MXNet starts with the thread setting asked for."""
    from helpers.support.threads import available_cores

    env = dict(os.environ)
    env.pop("OMP_NUM_THREADS", None)
    code = ("import os, warnings; warnings.simplefilter('ignore'); "
            "omp = os.environ.get('OMP_NUM_THREADS', 'unset'); "
            "import mxnet, json; "  # mxnet before helpers, so that helpers can't change its thread count
            "from helpers.tools.bench import worker; "
            f"print(json.dumps(worker({setting!r}, omp, {batch_sizes!r}, {epochs})))")
    if setting == "all cores":
        env["OMP_NUM_THREADS"] = str(available_cores())
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    """A plain-text table of every measurement, then each hybridized step's parts."""
    cpu = results[0]["cpu"]
    print(f"CPU: {cpu['model']}, {cpu['cores']} cores, {cpu['vector']} ({cpu['vector_bits']}-bit vectors); "
          f"MXNet {results[0]['mxnet']}")
    for result in results:
        gemm = result["gemm_gflops"]
        print(f"\n## MXNet threads: {result['setting']} (OMP_NUM_THREADS={result['omp_num_threads']}); "
              f"fp32 GEMM 2048²: nd.dot {gemm['dot']} GFLOP/s, FullyConnected {gemm['fully_connected']} GFLOP/s")
        print(f"{'network':11s} {'batch':>5s} {'mode':>11s} {'samples/s':>10s} {'s/epoch':>8s} "
              f"{'MFLOP/sample':>12s} {'bound/s':>8s} {'of bound':>8s}")
        for r in result["rows"]:
            print(f"{r['network']:11s} {r['batch']:5d} {r['mode']:>11s} {r['samples_per_s']:10d} "
                  f"{r['s_per_epoch_60k']:8.2f} {r['mflop_per_sample']:12.2f} {r['bound_samples_per_s']:8d} "
                  f"{r['fraction_of_bound']:8.1%}")
        print("\nOne hybridized step, ms (each part timed alone; python = time to issue a step; step = a step of fit)")
        parts = [r for r in result["rows"] if r["step_ms"]]
        names = list(parts[0]["step_ms"])
        print(f"{'network':11s} {'batch':>5s} " + " ".join(f"{name:>9s}" for name in names))
        for r in parts:
            print(f"{r['network']:11s} {r['batch']:5d} " + " ".join(f"{r['step_ms'][name]:9.2f}" for name in names))


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.tools.bench`: measure every setting, each in its own process, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="batch 256 only, 2 timed epochs (about 1 minute)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = parser.parse_args(argv)
    batch_sizes, epochs = ([256], 2) if args.quick else ([64, 128, 256], 4)
    results = [run_setting(setting, batch_sizes, epochs) for setting in ("mxnet default", "all cores")]
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
