"""Run MXNet's parameter-server kvstore as processes on this machine, and clean up after them (notebook 14).

A distributed job is one scheduler, S servers and W workers, all running the same script: the DMLC_*
environment variables tell each process its role and where the scheduler listens (here 127.0.0.1 on a
free port). If any process fails, or time runs out, every process of the job is stopped.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


class JobFailed(RuntimeError):
    """A process of the job failed or the job ran out of time; every process (`pids`) was stopped.

    Introduced in notebook 14.
    """

    def __init__(self, message: str, pids: list[int]):
        super().__init__(message)
        self.pids = pids


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (asked of the OS, never hard-coded)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dmlc_environment(role: str, port: int, workers: int, servers: int) -> dict[str, str]:
    """The variables MXNet reads to join a job as `role` (scheduler, server or worker), loopback only."""
    return {"DMLC_ROLE": role, "DMLC_PS_ROOT_URI": "127.0.0.1", "DMLC_PS_ROOT_PORT": str(port),
            "DMLC_NODE_HOST": "127.0.0.1", "DMLC_NUM_WORKER": str(workers), "DMLC_NUM_SERVER": str(servers)}


@dataclass
class Job:
    """What a finished job leaves: each worker's printed output, every process's PID, the seconds it took,
    and every address a process of the job listened on.
    """

    outputs: list[str]
    pids: list[int]
    seconds: float
    addresses: set[str]


def _stop(processes: dict[str, subprocess.Popen], grace: float = 3.0) -> None:
    """Ask every process still running to stop, then kill whatever is left after `grace` seconds."""
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.time() + grace
    for process in processes.values():
        try:
            process.wait(max(0.0, deadline - time.time()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_job(script: str | Path, args: list[str] = (), workers: int = 2, servers: int = 1,
            threads: int = 1, timeout: float = 120.0) -> Job:
    """Start a scheduler, `servers` servers and `workers` workers running `script`; wait for the workers.

    Returns their outputs (stdout). Raises JobFailed, with the failing process's last lines, when one
    exits with an error or `timeout` seconds pass; either way no process of the job is left running.
    Introduced in notebook 14.
    """
    port, start = free_port(), time.time()
    # names of our own: MXNet numbers the workers (kv.rank) in the order they reach the scheduler
    roles = (["scheduler"] + [f"server {i + 1}" for i in range(servers)]
             + [f"worker process {i + 1}" for i in range(workers)])
    logs = {name: tempfile.TemporaryFile(mode="w+") for name in roles}
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MXNET_CPU_WORKER_NTHREADS=str(threads))
    processes = {name: subprocess.Popen(
        [sys.executable, str(script), *args], stdout=logs[name], stderr=subprocess.STDOUT,
        env={**env, **dmlc_environment(name.split()[0], port, workers, servers)}) for name in roles}
    pids, addresses = [p.pid for p in processes.values()], set()
    try:
        while any(processes[name].poll() is None for name in roles if name.startswith("worker")):
            failed = [name for name, p in processes.items() if p.poll() not in (None, 0)]
            if failed or time.time() - start > timeout:
                name = failed[0] if failed else "the job"
                what = (f"(pid {processes[name].pid}) exited with code {processes[name].returncode} after "
                        f"{time.time() - start:.1f} s"
                        if failed else f"did not finish within {timeout:.0f} s")
                _stop(processes)
                tail = "" if not failed else "".join(_read(logs[name]).splitlines(keepends=True)[-6:])
                raise JobFailed(f"{name} {what}; every process of the job was stopped."
                                f"{' Its last lines:' + chr(10) + tail if tail else ''}", pids)
            addresses |= listening_addresses(pids)
            time.sleep(0.1)
        failed = [name for name in roles if processes[name].returncode not in (None, 0)]
        if failed:
            raise JobFailed(f"{failed[0]} exited with code {processes[failed[0]].returncode}:\n"
                            f"{_read(logs[failed[0]])[-2000:]}", pids)
        return Job([_read(logs[name]) for name in roles if name.startswith("worker")], pids,
                   time.time() - start, addresses)
    finally:
        _stop(processes, grace=10.0)  # the scheduler and servers end by themselves once the workers are done
        for log in logs.values():
            log.close()


def _read(log) -> str:
    log.seek(0)
    return log.read()


def still_running(pids: list[int]) -> list[int]:
    """Those of `pids` that are still alive (zombies excluded). Introduced in notebook 14."""
    return [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


def listening_addresses(pids: list[int]) -> set[str]:
    """The IP addresses on which these processes accept TCP connections right now."""
    found = set()
    for pid in pids:
        try:
            found |= {c.laddr.ip for c in psutil.Process(pid).net_connections("tcp") if c.status == "LISTEN"}
        except psutil.NoSuchProcess:
            pass
    return found
