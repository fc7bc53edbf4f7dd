"""scraper.worker: calls answered in order over pipes, errors as one line, a dead worker replaced."""
from __future__ import annotations

import asyncio
import os

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
