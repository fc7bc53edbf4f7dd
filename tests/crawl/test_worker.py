"""scraper.worker: calls answered in order over pipes, errors as one line, a dead worker replaced."""
from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from scraper.worker import ProcessWorkers, WorkerDied, WorkerError


def echo(value: object) -> object:
    return value


def pid() -> int:
    return os.getpid()


def boom(text: str) -> None:
    raise ValueError(text + "\nsecond line")


def die() -> None:
    os._exit(3)  # what the kernel's OOM killer leaves behind: no answer, closed pipes


async def _scenario() -> dict[str, object]:
    workers = ProcessWorkers(1)
    workers.start()
    try:
        big = b"x" * 3_000_000  # several pipe buffers: the write must flow through the event loop
        answers = await asyncio.gather(*(workers.call(echo, i) for i in range(50)), workers.call(echo, big))
        first = await workers.call(pid)
        with pytest.raises(WorkerError, match=r"^ValueError: bad input second line$"):
            await workers.call(boom, "bad input")
        survived = await workers.call(pid)
        with pytest.raises(WorkerDied):
            await workers.call(die)
        replaced = await workers.call(pid)
        return {"answers": answers, "first": first, "survived": survived, "replaced": replaced, "big": big}
    finally:
        await workers.close()


def test_process_workers_answer_in_order_and_survive_errors_and_deaths() -> None:
    out = asyncio.run(_scenario())
    assert out["answers"] == [*range(50), out["big"]]
    assert out["first"] == out["survived"] != os.getpid()   # an exception does not cost the process
    assert out["replaced"] != out["first"]                   # a dead worker is replaced, calls go on


def test_unused_workers_close_at_once() -> None:
    async def scenario() -> float:
        workers = ProcessWorkers(2)
        workers.start()
        loop = asyncio.get_running_loop()
        started = loop.time()
        await workers.close()
        return loop.time() - started
    assert asyncio.run(scenario()) < 5


def test_a_stop_signal_while_a_worker_imports_does_not_kill_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM and SIGINT (what `kill -TERM -<pgid>` and Ctrl-C send to every process of the group)
    reach a worker while it still imports its job's modules, before _serve can ignore them: it
    must live on and answer, not leave its first pages as "extraction worker died"."""
    from tests.crawl import slow_warm

    mark = tmp_path / "importing"
    monkeypatch.setenv("FILMCAT_TEST_IMPORT_MARK", str(mark))  # the spawned worker's import holds for 1 s

    async def scenario() -> tuple[int, int]:
        workers = ProcessWorkers(1, warm=(slow_warm.warm, ()))
        workers.start()
        try:
            deadline = asyncio.get_running_loop().time() + 30
            while not mark.exists():  # the worker is inside its import now
                assert asyncio.get_running_loop().time() < deadline, "the worker never started importing"
                await asyncio.sleep(0.01)
            child = int(mark.read_text())
            os.kill(child, signal.SIGTERM)
            os.kill(child, signal.SIGINT)
            return child, await workers.call(pid)
        finally:
            await workers.close()

    child, answered_by = asyncio.run(scenario())
    assert answered_by == child
