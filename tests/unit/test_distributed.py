"""helpers.distributed runs a real parameter-server job on 127.0.0.1: sums, identical weights, clean failure."""

import json
import socket
import textwrap

import mxnet as mx
import numpy as np
import pytest
from mxnet import autograd, gluon, nd

from helpers.distributed import JobFailed, dmlc_environment, free_port, run_job, still_running

WORKER = textwrap.dedent('''
    import json, os, sys, time
    import mxnet as mx
    from mxnet import autograd, gluon, nd
    kv = mx.kv.create("dist_sync")
    rank, mode = kv.rank, sys.argv[1]
    if mode == "crash" and rank == 1:
        print("worker 1 going down", flush=True)
        os._exit(3)
    if mode == "hang" and rank == 1:
        time.sleep(600)
    kv.init(99, nd.zeros(4))
    kv.push(99, nd.ones(4) * (rank + 1))
    total = nd.zeros(4)
    kv.pull(99, out=total)
    total.wait_to_read()  # before the Trainer hands the servers an optimizer (pushes would become gradients)
    mx.random.seed(0)
    X, Y = nd.random.normal(shape=(32, 5)), nd.random.normal(shape=(32, 3))
    net = gluon.nn.Dense(3)
    net.initialize(mx.init.Constant(0.1))
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.05}, kvstore=kv)
    for step in range(3):
        with autograd.record():
            loss = ((net(X[rank * 16:rank * 16 + 16]) - Y[rank * 16:rank * 16 + 16]) ** 2).sum()
        loss.backward()
        trainer.step(32)
    print(json.dumps({"rank": rank, "total": total.asnumpy().tolist(), "weight": net.weight.data().asnumpy().tolist()}))
''')


@pytest.fixture
def worker(tmp_path):
    path = tmp_path / "worker.py"
    path.write_text(WORKER)
    return path


def single_process_weight() -> np.ndarray:
    """The same three steps in one process, on the whole batch of 32."""
    mx.random.seed(0)
    X, Y = nd.random.normal(shape=(32, 5)), nd.random.normal(shape=(32, 3))
    net = gluon.nn.Dense(3)
    net.initialize(mx.init.Constant(0.1))
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.05})
    for _ in range(3):
        with autograd.record():
            loss = ((net(X) - Y) ** 2).sum()
        loss.backward()
        trainer.step(32)
    return net.weight.data().asnumpy()


@pytest.mark.slow  # a real parameter-server job of several processes (6-8 s)
def test_two_workers_sum_their_pushes_and_train_like_one_process(worker):
    job = run_job(worker, ["train"], timeout=60)
    logs = sorted((json.loads(out.strip().splitlines()[-1]) for out in job.outputs), key=lambda log: log["rank"])
    assert [log["rank"] for log in logs] == [0, 1]
    assert all(log["total"] == [3.0] * 4 for log in logs)  # 1 + 2, pushed by rank 0 and rank 1
    assert logs[0]["weight"] == logs[1]["weight"]  # dist_sync: identical weights on every worker
    assert np.allclose(logs[0]["weight"], single_process_weight(), atol=1e-5)
    assert job.addresses == {"127.0.0.1"} and not still_running(job.pids)


@pytest.mark.slow  # a real parameter-server job of several processes (6-8 s)
def test_a_crashed_worker_stops_the_whole_job_quickly(worker):
    with pytest.raises(JobFailed) as failure:
        run_job(worker, ["crash"], timeout=60)
    message = str(failure.value)
    assert "exited with code 3 after" in message and "worker 1 going down" in message
    seconds = float(message.split(" after ")[1].split(" s")[0])
    assert seconds < 30 and not still_running(failure.value.pids)


@pytest.mark.slow  # a real parameter-server job of several processes (6-8 s)
def test_a_hung_job_is_stopped_at_its_timeout(worker):
    with pytest.raises(JobFailed, match="did not finish within 8 s; every process of the job was stopped"):
        run_job(worker, ["hang"], timeout=8)


def test_ports_are_free_and_every_role_is_told_loopback():
    port = free_port()
    with socket.socket() as s:  # nothing listens there: we can take it
        s.bind(("127.0.0.1", port))
    env = dmlc_environment("server", port, workers=2, servers=1)
    assert env["DMLC_PS_ROOT_URI"] == env["DMLC_NODE_HOST"] == "127.0.0.1" and env["DMLC_ROLE"] == "server"
    assert (env["DMLC_NUM_WORKER"], env["DMLC_NUM_SERVER"], env["DMLC_PS_ROOT_PORT"]) == ("2", "1", str(port))
