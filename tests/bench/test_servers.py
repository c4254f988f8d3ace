"""`--server uvicorn`: the harness runs the same ASGI application under uvicorn as under daphne.

Both servers must answer alike for what the benchmark compares: static files (WhiteNoise inside
the application), the join pages and the room socket's snapshot. A tiny fan-out under uvicorn
checks that every note reaches every screen and that its figures say which server ran.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path

from bench import results, scenarios
from bench.clients import Phone
from bench.server import Deployment

from .test_harness import RESULTS, small

ROOT = Path(__file__).resolve().parents[2]
STATIC = "/static/js/room.js"


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, the headers that matter (names in lower case: uvicorn sends them so), body."""
    with urllib.request.urlopen(url, timeout=10) as response:
        headers = {name.lower(): value for name, value in response.headers.items()}
        return response.status, headers, response.read()


async def phone_snapshot(deployment: Deployment) -> str:
    """The room page's stage, then the socket's snapshot (the phone's own parts: the page is
    current, so the socket does not send the stage again)."""
    host, port = deployment.processes[0].base
    phone = Phone(0, 0, host, port, deployment.code, "Phone 0001")
    try:
        await phone.join_over_http()
        return phone.page_html + await phone.open_socket()
    finally:
        await phone.close()


def serve(server: str) -> dict:
    with Deployment(server=server) as deployment:
        status, headers, body = fetch(deployment.processes[0].url + STATIC)
        snapshot = asyncio.run(phone_snapshot(deployment))
        errors = deployment.server_errors()
    return {
        "status": status,
        "type": headers.get("content-type"),
        "cache": headers.get("cache-control"),
        "length": headers.get("content-length"),
        "body": body,
        "snapshot": snapshot,
        "errors": errors,
    }


def test_uvicorn_serves_static_files_and_the_room_socket_as_daphne_does():
    daphne, uvicorn = serve("daphne"), serve("uvicorn")

    on_disk = (ROOT / "static" / "js" / "room.js").read_bytes()
    for answer in (daphne, uvicorn):
        assert answer["status"] == 200
        assert answer["body"] == on_disk
        assert answer["errors"] == []
        assert 'id="stage"' in answer["snapshot"] and 'id="me"' in answer["snapshot"]
    assert uvicorn["type"] == daphne["type"]
    assert uvicorn["cache"] == daphne["cache"]
    assert uvicorn["length"] == daphne["length"] == str(len(on_disk))
    # The same room, the same phone: the same snapshot (ids and the room code aside).
    assert len(uvicorn["snapshot"]) > 0.9 * len(daphne["snapshot"])


def test_a_tiny_fan_out_under_uvicorn_reaches_every_screen_and_names_its_server():
    phones = 10
    figures = scenarios.fan_out(
        small(n=phones, presenter_every=0, rate=10, seconds=3, server="uvicorn")
    )
    summary = results.line(figures)
    screens = phones + 1

    assert figures["errors"] == 0, f"{summary}\n{figures['error_samples']}"
    assert figures["missing_deliveries"] == 0, summary
    assert figures["deliveries"] == 30 * screens, summary
    assert figures["server"]["name"] == "uvicorn", figures["server"]
    assert "uvicorn" in figures["server"]["software"], figures["server"]
    assert summary.startswith("fan_out (uvicorn)"), summary
    written = json.loads((RESULTS / "fan_out-uvicorn.json").read_text())
    assert written["server"]["name"] == "uvicorn"
    assert written["p95_ms"] == figures["p95_ms"]
