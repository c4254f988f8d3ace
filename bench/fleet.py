"""The load generator: worker processes full of phones, and a watch on the server processes.

Phones are spread over ``workers`` processes (each one asyncio loop with many sockets) so the
generator is not what limits the figures; the orchestrator talks to them over pipes.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

from .clients import worker_main
from .server import cpu_seconds, rss_mb


class WorkerError(RuntimeError):
    pass


@dataclass(frozen=True)
class PhoneSpec:
    index: int
    worker: int
    server: int

    @property
    def name(self) -> str:
        return f"Phone {self.index + 1:04d}"


class Fleet:
    """``workers`` processes; phone ``g`` lives in worker ``g % workers``.

    With several servers, phone ``g`` uses server ``(g // workers) % servers``, so every worker
    holds phones on every server. The presenter lives in worker 0, on server 0.
    """

    def __init__(self, workers: int, servers: list[tuple[str, int]], code: str) -> None:
        self.workers = max(1, workers)
        self.servers = servers
        self.code = code
        self.pipes = []
        self.processes = []

    def phone(self, index: int) -> PhoneSpec:
        return PhoneSpec(index, index % self.workers, (index // self.workers) % len(self.servers))

    def start(self) -> Fleet:
        context = multiprocessing.get_context("spawn")
        for worker in range(self.workers):
            ours, theirs = context.Pipe()
            process = context.Process(
                target=worker_main, args=(theirs, worker), name=f"bench-worker-{worker}"
            )
            process.daemon = True
            process.start()
            theirs.close()
            self.pipes.append(ours)
            self.processes.append(process)
        return self

    def _receive(self, worker: int, timeout: float):
        pipe = self.pipes[worker]
        if not pipe.poll(timeout):
            raise WorkerError(f"worker {worker} gave no answer within {timeout:.0f}s")
        status, result = pipe.recv()
        if status != "ok":
            raise WorkerError(f"worker {worker} failed:\n{result}")
        return result

    def call(self, worker: int, command: str, timeout: float = 120, **args):
        self.pipes[worker].send((command, args))
        return self._receive(worker, timeout)

    def call_all(self, command: str, per_worker: list[dict] | None = None, timeout: float = 120):
        """The same command to every worker at once; their answers in worker order."""
        per_worker = per_worker or [{} for _ in range(self.workers)]
        for worker, args in enumerate(per_worker):
            self.pipes[worker].send((command, args))
        deadline = time.monotonic() + timeout
        return [
            self._receive(worker, max(0.1, deadline - time.monotonic()))
            for worker in range(self.workers)
        ]

    def stop(self) -> None:
        for worker, pipe in enumerate(self.pipes):
            try:
                pipe.send(("close", {}))
                self._receive(worker, 15)
            except (OSError, EOFError, WorkerError):
                pass
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
        for pipe in self.pipes:
            pipe.close()
        self.pipes, self.processes = [], []

    def __enter__(self) -> Fleet:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


class Monitor:
    """Samples the servers' resident memory (VmRSS) every few hundred milliseconds."""

    def __init__(self, pids: list[int], interval: float = 0.2) -> None:
        self.pids = pids
        self.interval = interval
        self.max_rss: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-monitor", daemon=True)

    def _sample(self) -> None:
        for pid in self.pids:
            value = rss_mb(pid)
            if value is not None:
                self.max_rss[pid] = max(value, self.max_rss.get(pid, 0.0))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def cpu(self) -> dict[int, float]:
        return {pid: cpu_seconds(pid) or 0.0 for pid in self.pids}

    def start(self) -> Monitor:
        self._sample()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sample()

    def __enter__(self) -> Monitor:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
