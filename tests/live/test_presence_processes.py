"""Presence with real daphne processes killed with SIGKILL (no disconnect ever runs).

Each run has its own SQLite file (``bench.server.Deployment``); presence lives in the database,
so two processes on one file show how it behaves scaled out, without Redis. The phones and the
presenter are the benchmark's simulated screens (real websockets, real HTTP joins).
"""

from __future__ import annotations

import asyncio
import re
import time

from bench.clients import Facilitator, Phone
from bench.server import HOST, Deployment
from tests.conftest import run_in_own_loop

TIMEOUT = 15


class Presenter(Facilitator):
    """A presenter screen that keeps every list of people it was sent."""

    def __init__(self, port: int, code: str) -> None:
        super().__init__(-1, 0, HOST, port, code)
        self.people: list[str] = []

    def on_frame(self, message, at: float) -> None:
        super().on_frame(message, at)
        if 'id="participants"' in message:
            self.people.append(message)


def away(people: str, name: str) -> bool:
    match = re.search(
        rf'<li [^>]*id="participant-\d+"[^>]*>\s*<span class="person__name">'
        rf"{name}</span>.*?</li>",
        people,
        re.S,
    )
    assert match, f"{name} is not in the list"
    return "(away)" in match.group(0)


async def until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        await asyncio.sleep(0.05)


def test_after_daphne_is_killed_and_started_again_its_phones_show_as_away():
    deployment = Deployment(1)
    with deployment:
        first = deployment.processes[0]

        async def before_the_crash() -> None:
            amira = Phone(0, 0, HOST, first.port, deployment.code, "Amira")
            await amira.join()
            first.popen.kill()  # SIGKILL: no disconnect runs
            first.popen.wait(10)
            await amira.close()

        run_in_own_loop(before_the_crash())
        again = deployment.add_process()

        async def after_the_restart() -> None:
            presenter = Presenter(again.port, deployment.code)
            try:
                snapshot = await presenter.log_in(deployment.email, deployment.password)
                assert away(snapshot, "Amira")
            finally:
                await presenter.close()

        run_in_own_loop(after_the_restart())


def test_scaled_out_the_phones_of_a_killed_process_drop_out_and_the_others_stay():
    deployment = Deployment(1)
    deployment.env.update(PRESENCE_SINGLE_PROCESS="false", PRESENCE_HEARTBEAT="1", PRESENCE_TTL="3")
    with deployment:
        first = deployment.processes[0]
        second = deployment.add_process()

        async def run() -> None:
            amira = Phone(0, 1, HOST, second.port, deployment.code, "Amira")  # on the second
            bea = Phone(1, 0, HOST, first.port, deployment.code, "Bea")  # on the first
            presenter = Presenter(first.port, deployment.code)
            try:
                await asyncio.gather(amira.join(), bea.join())
                snapshot = await presenter.log_in(deployment.email, deployment.password)
                assert not away(snapshot, "Amira") and not away(snapshot, "Bea")

                second.popen.kill()  # SIGKILL: Amira's socket is never counted out
                second.popen.wait(10)
                killed_at = time.monotonic()
                await until(
                    lambda: presenter.people and away(presenter.people[-1], "Amira"),
                    "the presenter shows Amira away",
                )
                assert time.monotonic() - killed_at < 3 + 2 * 1 + 1  # expiry, two beats, slack
                assert not away(presenter.people[-1], "Bea")
            finally:
                await asyncio.gather(
                    *(screen.close() for screen in (amira, bea, presenter)),
                    return_exceptions=True,
                )

        run_in_own_loop(run())
        errors = [line for line in deployment.server_errors() if "daphne on" in line]
        assert not [line for line in errors if str(second.port) not in line], errors
