"""Browser journeys: Debian's Chromium through Playwright, against daphne in a subprocess.

The server runs exactly as `make run` serves it (daphne, the ASGI app), on its own SQLite file,
so the browser and the server share nothing but HTTP and websockets.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from .helpers import log_in

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "test-results" / "screenshots"))
LAPTOP = {"viewport": {"width": 1440, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser is a browser test (`-m "not browser"` leaves it out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """daphne serving the app on a port of its own; it can be stopped and started again."""

    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "VAR_DIR": str(workdir / "var"),
            "MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        self.env.pop("REDIS_URL", None)
        self.log_path = workdir / "daphne.log"
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen | None = None
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "config.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not start on {self.url}")

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer ends it: no shutdown, sockets cut at once."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=15)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None

    def seed_demo(self) -> tuple[str, str]:
        """`make run`'s demo data; the demo facilitator's email and this installation's
        password, read from the log-in line seed_demo prints, as a person running it reads it."""
        printed = self.manage("seed_demo", "--port", str(self.port), "--host", "127.0.0.1")
        login = re.search(r"^Log in: \S+ as (\S+) / (\S+)$", printed, re.MULTILINE)
        assert login, f"seed_demo printed no log-in line: {printed!r}"
        return login.group(1), login.group(2)

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout


@contextmanager
def running_server(workdir: Path, **env: str):
    """A started server; ``env`` adds settings (``DB_BUSY_TIMEOUT="1"``)."""
    server = LiveServer(workdir)
    server.env.update(env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        server.log.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """One server for a module's journeys; a module whose journeys need a fresh database each
    overrides this with ``fresh_server``."""
    with running_server(tmp_path_factory.mktemp("server")) as server:
        yield server


@pytest.fixture
def fresh_server(tmp_path):
    with running_server(tmp_path) as server:
        yield server


@pytest.fixture
def presenter(laptop, app_server):
    """The demo facilitator (`make run`'s demo data) presenting on a laptop."""
    page = laptop.new_page()
    log_in(page, *app_server.seed_demo())
    page.get_by_role("link", name="Present").first.click()
    expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()
    return page


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    return take


class PolicyWatch:
    """Collects what Chromium refused under the Content-Security-Policy (it logs every refusal
    to the console); a journey fails if anything was."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def watch(self, context) -> None:
        context.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"{message.location.get('url', '')}: {message.text}")

    def check(self) -> None:
        assert not self.violations, "Refused by the Content-Security-Policy:\n" + "\n".join(
            self.violations
        )


@pytest.fixture
def laptop(browser, app_server):
    policy = PolicyWatch()
    context = browser.new_context(base_url=app_server.url, **LAPTOP)
    policy.watch(context)
    yield context
    context.close()
    policy.check()


@pytest.fixture
def new_phone(browser, app_server):
    policy = PolicyWatch()
    contexts = []

    def make(**options):
        """A phone; ``options`` for its context, e.g. ``locale="nl-NL"`` for a Dutch phone."""
        context = browser.new_context(base_url=app_server.url, **{**PHONE, **options})
        policy.watch(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    policy.check()
