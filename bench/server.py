"""Server processes the way a user runs them, each run on a fresh database.

By default: one ``python -m daphne`` on a new SQLite file with Channels' in-memory layer, as
``make run`` serves a room; ``server="uvicorn"`` starts the same ASGI application under
uvicorn instead (``UVICORN_ARGS``: uvloop, httptools, the websockets library). Scaled out:
several processes sharing a freshly created PostgreSQL database and a Redis database of their
own (channels-redis), as the README's "Scale out" section runs them. Either way: migrate,
``seed_demo`` (the demo facilitator and workshop), start, wait for ``/healthz``; stop every
process on the way out.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/culture_room"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
SERVERS = ("daphne", "uvicorn")
# uvicorn as the README's "Scale out" section runs it. Without a lifespan handler in Django,
# "auto" only logs that it is unsupported; permessage-deflate off because daphne does not
# offer it (browsers ask for it, and compressing every frame per phone costs CPU per phone).
UVICORN_ARGS = (
    "--loop",
    "uvloop",
    "--http",
    "httptools",
    "--ws",
    "websockets-sansio",
    "--ws-per-message-deflate",
    "false",
    "--lifespan",
    "off",
)


class ServerError(RuntimeError):
    pass


# An access-log line: daphne's "127.0.0.1:PORT - - [date] "GET …" 200 …", uvicorn's
# "INFO:     127.0.0.1:PORT - "GET … HTTP/1.1" 200 OK".
ACCESS_LINE = re.compile(rf"(?:INFO:\s+)?{re.escape(HOST)}:\d+ - ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def with_database_name(url: str, name: str) -> str:
    """The same PostgreSQL server and credentials, another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def with_redis_db(url: str, db: int) -> str:
    """The same Redis server, a numbered database of its own (it gets flushed)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


DROP = "DROP DATABASE IF EXISTS {} WITH (FORCE)"


def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in ``url`` (through the ``postgres`` database)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise ServerError(f"refusing to recreate a database called {name!r}")
    with psycopg.connect(
        with_database_name(url, "postgres"), autocommit=True, connect_timeout=5
    ) as admin:
        admin.execute(sql.SQL(DROP).format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(
        with_database_name(url, "postgres"), autocommit=True, connect_timeout=5
    ) as admin:
        admin.execute(sql.SQL(DROP).format(sql.Identifier(name)))


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


@dataclass
class Process:
    """One server process (daphne or uvicorn)."""

    port: int
    popen: subprocess.Popen
    log_path: Path
    server: str = "daphne"

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def base(self) -> tuple[str, int]:
        return HOST, self.port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Deployment:
    """A room served by ``processes`` server processes (``server``: daphne or uvicorn); use it
    as a context manager.

    ``database_url``/``redis_url`` switch to the scaled-out path: the PostgreSQL database named
    in the URL is dropped and created anew, the Redis database is flushed. Both must be
    dedicated to the run.
    """

    def __init__(
        self,
        processes: int = 1,
        *,
        database_url: str | None = None,
        redis_url: str | None = None,
        drop_database: bool = True,
        server: str = "daphne",
    ) -> None:
        if server not in SERVERS:
            raise ServerError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")
        if processes > 1 and not (database_url and redis_url):
            raise ServerError("several processes need PostgreSQL and Redis")
        self.count = processes
        self.server = server
        self.database_url = database_url
        self.redis_url = redis_url
        self.drop_database = drop_database
        self.workdir = Path(tempfile.mkdtemp(prefix="culture-room-bench-"))
        self.processes: list[Process] = []
        self.code = ""
        self.email = ""
        self.password = ""
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "PUBLIC_URL", "HTTPS"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=self.database_url or f"sqlite:///{self.workdir / 'db.sqlite3'}",
            VAR_DIR=str(self.workdir / "var"),
            MEDIA_ROOT=str(self.workdir / "media"),
            # Every process signs cookies alike, as the README asks when scaled out.
            SECRET_KEY=secrets.token_urlsafe(50),
            PYTHONUNBUFFERED="1",
        )
        # Every simulated phone comes from this machine's one address, run after run, and the
        # Redis cache keeps counting between runs: the per-address limits of joins and socket
        # opens (docs/security.md) are lifted; the per-socket budget is not (no sender nears it).
        env.setdefault("JOINS_PER_WINDOW", "1000000")
        env.setdefault("SOCKET_OPENS_PER_WINDOW", "1000000")
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    @property
    def scaled(self) -> bool:
        return bool(self.redis_url)

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self) -> Deployment:
        try:
            if self.database_url:
                recreate_postgres_database(self.database_url)
            if self.redis_url:
                flush_redis(self.redis_url)
            self.manage("migrate", "--noinput")
            ports = [free_port() for _ in range(self.count)]
            seeded = self.manage("seed_demo", "--port", str(ports[0]), "--host", HOST)
            self._read_seed(seeded)
            for port in ports:
                self.processes.append(self._spawn(port))
            for process in self.processes:
                self._wait_healthy(process)
        except BaseException:
            self.stop()
            raise
        return self

    def add_process(self) -> Process:
        """One more server process on the same database: a restart after a crash, or a
        second process for what needs no shared channel layer (presence)."""
        process = self._spawn(free_port())
        self.processes.append(process)
        self._wait_healthy(process)
        return process

    def _read_seed(self, output: str) -> None:
        login = re.search(r"as (\S+) / (\S+)", output)
        join = re.search(r"/j/([A-Z0-9]+)/", output)
        if not (login and join):
            raise ServerError(f"seed_demo printed no log-in and join lines:\n{output}")
        self.email, self.password = login.groups()
        self.code = join.group(1)

    def command(self, port: int | str) -> list[str]:
        """How a user starts one process of ``self.server`` on ``port``; ``BENCH_SERVER_ARGS``
        adds options (uvicorn: a later option wins, e.g. ``--loop asyncio``)."""
        extra = shlex.split(os.environ.get("BENCH_SERVER_ARGS", ""))
        return [*self._command(port)[:-1], *extra, "config.asgi:application"]

    def _command(self, port: int | str) -> list[str]:
        if self.server == "uvicorn":
            return [
                sys.executable,
                "-m",
                "uvicorn",
                "--host",
                HOST,
                "--port",
                str(port),
                *UVICORN_ARGS,
                "config.asgi:application",
            ]
        return [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            HOST,
            "-p",
            str(port),
            "config.asgi:application",
        ]

    def _spawn(self, port: int) -> Process:
        log_path = self.workdir / f"{self.server}-{port}.log"
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(
                self.command(port),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        return Process(port, popen, log_path, self.server)

    def _wait_healthy(self, process: Process, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.popen.poll() is not None:
                raise ServerError(
                    f"{process.server} on {process.port} exited:\n{process.log_tail()}"
                )
            try:
                with urllib.request.urlopen(process.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise ServerError(
            f"{process.server} on {process.port} did not become healthy:\n{process.log_tail()}"
        )

    def server_errors(self) -> list[str]:
        """Tracebacks and error lines in the servers' logs, and requests answered with a 5xx."""
        problems = []
        for process in self.processes:
            try:
                lines = process.log_path.read_text(errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                access = ACCESS_LINE.match(line)
                if (access and re.search(r'" 5\d\d ', line)) or (
                    not access and re.search(r"Traceback|ERROR|Error:|Exception", line)
                ):
                    problems.append(f"{process.server} on {process.port}: {line.strip()[:300]}")
        return problems

    def crashed(self) -> list[str]:
        """Processes that died during the run, with the end of their log."""
        return [
            f"{p.server} on {p.port} exited with {p.popen.returncode}:\n{p.log_tail()}"
            for p in self.processes
            if p.popen.poll() is not None
        ]

    def stop(self) -> None:
        for process in self.processes:
            if process.popen.poll() is None:
                process.popen.terminate()
        for process in self.processes:
            try:
                process.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.popen.kill()
                process.popen.wait(timeout=15)
        self.processes = []
        if self.database_url and self.drop_database:
            # Tidying up must not hide the run's own error.
            with contextlib.suppress(Exception):
                drop_postgres_database(self.database_url)
        if os.environ.get("BENCH_KEEP_WORKDIR"):
            print(f"kept {self.workdir}", flush=True)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Deployment:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


# Server-side figures read from /proc ---------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of the process (all its threads)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def software(server: str) -> str:
    """The server's name and version, with the event loop and protocol libraries it runs on."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "missing"

    if server == "uvicorn":
        return (
            f"uvicorn {v('uvicorn')} (uvloop {v('uvloop')}, httptools {v('httptools')}, "
            f"websockets {v('websockets')})"
        )
    return f"daphne {v('daphne')} (Twisted {v('twisted')}, autobahn {v('autobahn')})"


class PostgresWatch:
    """Counts the connections to one database in ``pg_stat_activity`` every ``interval``
    seconds, from a connection to the ``postgres`` database (so it does not count itself)."""

    QUERY = (
        "SELECT count(*), count(*) FILTER (WHERE state = 'active') "
        "FROM pg_stat_activity WHERE datname = %s"
    )

    def __init__(self, url: str, interval: float = 0.25) -> None:
        self.url = url
        self.name = urlsplit(url).path.lstrip("/")
        self.interval = interval
        self.max_connections = 0
        self.max_active = 0
        self.samples = 0
        self.server_max_connections: int | None = None
        self.error = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-pg-watch", daemon=True)

    def _run(self) -> None:
        import psycopg

        try:
            with psycopg.connect(
                with_database_name(self.url, "postgres"), autocommit=True, connect_timeout=5
            ) as connection:
                self.server_max_connections = int(
                    connection.execute("SHOW max_connections").fetchone()[0]
                )
                while not self._stop.is_set():
                    total, active = connection.execute(self.QUERY, (self.name,)).fetchone()
                    self.max_connections = max(self.max_connections, total)
                    self.max_active = max(self.max_active, active)
                    self.samples += 1
                    self._stop.wait(self.interval)
        except Exception as error:  # the run goes on; the figure says it is missing
            self.error = f"{type(error).__name__}: {error}"

    def start(self) -> PostgresWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def figures(self) -> dict:
        return {
            "pg_connections_max": self.max_connections if self.samples else None,
            "pg_active_max": self.max_active if self.samples else None,
            "pg_samples": self.samples,
            "pg_server_max_connections": self.server_max_connections,
            **({"pg_watch_error": self.error} if self.error else {}),
        }


REDIS_COUNTERS = ("total_commands_processed", "total_net_input_bytes", "total_net_output_bytes")


def redis_counters(url: str) -> dict[str, int]:
    """The Redis server's own counters (the whole server, not only this run's database)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        stats = client.info("stats")
    finally:
        client.close()
    return {key: int(stats.get(key, 0)) for key in REDIS_COUNTERS}
