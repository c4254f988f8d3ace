"""Two daphne processes on PostgreSQL and Redis: a note sent through one reaches the other.

The servers run as the README's "Scale out" section runs them, on a database of their own
(derived from DATABASE_URL: culture_room_xproc, created fresh) and a Redis database of their
own (derived from REDIS_URL: number 14, flushed), so they share nothing with pytest-django's
test database or other tests' channel groups. Without PostgreSQL or Redis this test fails.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest

from bench.clients import Facilitator, Phone, activities_in, columns_in
from bench.server import Deployment, with_database_name, with_redis_db
from tests.conftest import run_in_own_loop

pytestmark = pytest.mark.scaled

VISION = "Vision: two years from now"
TIMEOUT = 15


def stores() -> tuple[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        pytest.fail(f"DATABASE_URL must point at PostgreSQL for this test, not {database_url!r}")
    if not redis_url.startswith(("redis://", "rediss://")):
        pytest.fail(f"REDIS_URL must point at Redis for this test, not {redis_url!r}")
    return (
        with_database_name(database_url, "culture_room_xproc"),
        with_redis_db(redis_url, 14),
    )


def reachable(database_url: str, redis_url: str) -> None:
    import psycopg
    import redis

    try:
        psycopg.connect(with_database_name(database_url, "postgres"), connect_timeout=5).close()
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {database_url}: {error}")
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is not reachable at {redis_url}: {error}")
    finally:
        client.close()


async def until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        await asyncio.sleep(0.02)


def note(board: int, column: int, text: str) -> dict:
    return {
        "action": "note.add",
        "activity": board,
        "column": column,
        "text": text,
        "client_id": uuid.uuid4().hex,
    }


async def a_note_crosses_processes(deployment: Deployment) -> None:
    (host, first_port), (_, second_port) = (p.base for p in deployment.processes)
    code = deployment.code
    presenter = Facilitator(-1, 0, host, first_port, code)
    amira = Phone(0, 0, host, first_port, code, "Amira")  # on the first process
    ben = Phone(1, 1, host, second_port, code, "Ben")  # on the second
    screens = (presenter, amira, ben)
    try:
        snapshot = await presenter.log_in(deployment.email, deployment.password)
        board = activities_in(snapshot)[VISION]
        await asyncio.gather(amira.join(), ben.join())

        # The facilitator, on the first process, moves the phone on the second one too.
        await presenter.send({"action": "activity.goto", "activity": board})
        await until(
            lambda: amira.stage_activity == board and ben.stage_activity == board,
            "both phones show the board",
        )
        column = columns_in(ben.stage_html)[0]

        from_amira = note(board, column, "Sent through the first process")
        await amira.send(from_amira)
        await until(lambda: from_amira["client_id"] in ben.seen, "Ben sees Amira's note")

        from_ben = note(board, column, "Sent through the second process")
        await ben.send(from_ben)
        await until(lambda: from_ben["client_id"] in amira.seen, "Amira sees Ben's note")
        await until(
            lambda: {from_amira["client_id"], from_ben["client_id"]} <= presenter.seen.keys(),
            "the projector shows both notes",
        )
        errors = [text for screen in screens for _phase, text in screen.errors]
        assert not errors, errors
    finally:
        await asyncio.gather(*(screen.close() for screen in screens), return_exceptions=True)


def test_a_note_sent_through_one_process_reaches_a_phone_on_the_other():
    database_url, redis_url = stores()
    reachable(database_url, redis_url)
    with Deployment(2, database_url=database_url, redis_url=redis_url) as deployment:
        servers = [process.popen for process in deployment.processes]
        run_in_own_loop(a_note_crosses_processes(deployment))
        assert not deployment.server_errors(), deployment.server_errors()
    assert all(server.poll() is not None for server in servers), "a daphne process is left"
