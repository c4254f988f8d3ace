"""The scenarios of issue 7, and ``many_rooms``; each starts its own servers and returns its
figures.

Every scenario opens the room the same way: the demo facilitator logs in and opens the
presenter socket, then ``n`` phones join within ``join_seconds`` (the join storm). The room
then moves to the "Vision: two years from now" board, where the notes go.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import json
import os
import platform
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from . import results
from .clients import Facilitator, Phone
from .fleet import Fleet, Monitor
from .server import (
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_URL,
    ROOT,
    Deployment,
    PostgresWatch,
    cpu_seconds,
    redis_counters,
    software,
    with_database_name,
    with_redis_db,
)

VISION = "Vision: two years from now"
FACILITATOR = -1
NOTE_WORDS = (
    "Customers get one named person who follows their case to the end",
    "We call back the same day and say what happens next, every time",
    "Front-line staff may refund up to a limit without asking anyone",
    "Every team meeting opens with a real customer story from the week",
)


def machine(load_start: tuple[float, float, float]) -> dict:
    """The machine a run's figures come from, with its load before and after the run."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "loadavg_at_start": [round(x, 2) for x in load_start],
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
    }


@dataclass
class Options:
    n: int = 500
    workers: int = 2
    rate: float = 5.0  # notes per second
    seconds: float = 15.0  # how long the notes keep coming
    join_seconds: float = 5.0  # the join storm's spread
    fill_seconds: float = 30.0  # how the other scenarios fill the room before measuring
    drain_seconds: float = 20.0  # how long to wait for the last deliveries
    wave_notes: int = 20  # notes on the board before the reconnect wave
    presenter_every: int = 10  # every 10th note comes from the facilitator (0: none)
    rooms: int = 10  # many_rooms: the n phones are shared out over this many rooms
    server: str = "daphne"  # or "uvicorn": the same ASGI application under another server
    results_dir: Path | None = None
    database_url: str = ""  # scaled_out: PostgreSQL (a database of its own is derived)
    redis_url: str = ""  # scaled_out: Redis (a numbered database of its own is derived)
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> Options:
        env = os.environ
        options = cls(
            n=int(env.get("BENCH_N") or 500),
            workers=int(env.get("BENCH_WORKERS") or 2),
            rate=float(env.get("BENCH_RATE") or 5),
            seconds=float(env.get("BENCH_SECONDS") or 15),
            join_seconds=float(env.get("BENCH_JOIN_SECONDS") or 5),
            fill_seconds=float(env.get("BENCH_FILL_SECONDS") or 30),
            rooms=int(env.get("BENCH_ROOMS") or 10),
            server=env.get("BENCH_SERVER") or "daphne",
            database_url=env.get("BENCH_DATABASE_URL", ""),
            redis_url=env.get("BENCH_REDIS_URL", ""),
        )
        for key, value in overrides.items():
            if value is not None:
                setattr(options, key, value)
        return options

    def scaled_urls(self) -> tuple[str, str]:
        """Dedicated stores for the scaled run: they are dropped and flushed."""
        database = self.database_url or with_database_name(
            os.environ.get("DATABASE_URL", "").startswith("postgres")
            and os.environ["DATABASE_URL"]
            or DEFAULT_DATABASE_URL,
            "culture_room_bench",
        )
        redis = self.redis_url or with_redis_db(
            os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL, 13
        )
        return database, redis


class Run:
    """One scenario: its servers, its fleet of phones, the watch on the servers, its figures."""

    def __init__(self, scenario: str, options: Options, processes: int = 1) -> None:
        self.scenario = scenario
        self.options = options
        if processes > 1:
            database_url, redis_url = options.scaled_urls()
            self.deployment = Deployment(
                processes, database_url=database_url, redis_url=redis_url, server=options.server
            )
        else:
            self.deployment = Deployment(server=options.server)
        self.postgres: PostgresWatch | None = None
        self.errors: list[tuple[str, str]] = []  # (phase, what went wrong)
        self.phase = "start"
        self.figures: dict = {"scenario": scenario, "n": options.n}

    def __enter__(self) -> Run:
        self.started = time.monotonic()
        self.load_start = os.getloadavg()
        self.deployment.start()
        try:
            servers = [p.base for p in self.deployment.processes]
            self.fleet = Fleet(self.options.workers, servers, self.deployment.code).start()
            self.monitor = Monitor(self.deployment.pids).start()
            if self.deployment.database_url:
                # Connections to the run's database at peak: what DB_POOL_MAX_SIZE bounds.
                self.postgres = PostgresWatch(self.deployment.database_url).start()
        except BaseException:
            self.deployment.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.monitor.stop()
            if self.postgres:
                self.postgres.stop()
            self.fleet.stop()
        finally:
            self.deployment.stop()

    # Steps shared by the scenarios ------------------------------------------------------------

    def set_phase(self, name: str) -> None:
        """Errors are counted per phase: the other scenarios report the join storm's apart."""
        self.phase = name
        self.fleet.call_all("phase", [{"name": name}] * self.fleet.workers)

    def error(self, text: str) -> None:
        self.errors.append((self.phase, text))

    def open_room(self, spread: float | None = None) -> dict:
        """The presenter logs in, then the phones join within ``spread`` seconds (by default
        ``fill_seconds``). Returns the agenda (title → id)."""
        self.set_phase("join")
        host, port = self.deployment.processes[0].base
        presenter = self.fleet.call(
            0,
            "facilitator",
            host=host,
            port=port,
            server=0,
            code=self.deployment.code,
            email=self.deployment.email,
            password=self.deployment.password,
        )
        self.join_phones(spread)
        self.figures["presenter_login_ms"] = round(presenter["ms"], 1)
        return presenter["activities"]

    def join_phones(self, spread: float | None = None, code_of=None) -> None:
        """The ``n`` phones join within ``spread`` seconds (by default ``fill_seconds``), phone
        ``g`` the room ``code_of(g)`` (by default the demo room)."""
        n = self.options.n
        spread = self.options.fill_seconds if spread is None else spread
        start_at = time.monotonic() + 0.5
        per_worker: list[list[dict]] = [[] for _ in range(self.fleet.workers)]
        for index in range(n):
            spec = self.fleet.phone(index)
            host, port = self.fleet.servers[spec.server]
            per_worker[spec.worker].append(
                {
                    "index": index,
                    "server": spec.server,
                    "host": host,
                    "port": port,
                    "code": code_of(index) if code_of else self.deployment.code,
                    "name": spec.name,
                    "offset": spread * index / max(n, 1),
                }
            )
        answers = self.fleet.call_all(
            "join", [{"phones": p, "start_at": start_at} for p in per_worker], timeout=spread + 300
        )
        joins = [join for answer in answers for join in answer]
        done = [j for j in joins if j["ok"]]
        times = [(j["end"] - j["start"]) * 1000 for j in done]
        self.figures.update(
            joined=len(done),
            join_failures=len(joins) - len(done),
            join_failed_attempts=sum(j.get("failed_attempts", 0) for j in joins),
            join_retried_phones=sum(1 for j in joins if j.get("failed_attempts")),
            join_spread_s=spread,
            all_joined_s=round(max(j["end"] for j in done) - start_at, 2) if done else None,
            **results.summarise(times, "join_"),
            join_snapshot_kb=round(max((j["snapshot_bytes"] for j in done), default=0) / 1024, 1),
        )

    def goto_board(self, activities: dict[str, int]) -> tuple[int, list[int]]:
        """The facilitator moves the room to the vision board; every screen must follow."""
        self.set_phase("board")
        board = activities.get(VISION)
        if board is None:
            raise RuntimeError(f"no {VISION!r} activity in the demo agenda: {sorted(activities)}")
        since = time.monotonic()
        sent = self.fleet.call(
            0, "send", who=FACILITATOR, message={"action": "activity.goto", "activity": board}
        )
        staged = self.fleet.call_all(
            "await_stage",
            [{"activity": board, "since": since, "timeout": 120}] * self.fleet.workers,
            timeout=150,
        )
        behind = sum(s["screens"] - s["staged"] for s in staged)
        if behind:
            self.error(f"{behind} screens never showed the board")
        lasts = [s["last"] for s in staged if s["last"] is not None]
        columns = next((s["columns"] for s in staged if s["columns"]), [])
        if not columns:
            raise RuntimeError("no phone showed the board's columns")
        self.figures.update(
            stage_change_s=round(max(lasts) - sent, 2) if lasts else None,
            board_stage_kb=round(max(s["stage_bytes"] for s in staged) / 1024, 1),
        )
        return board, columns

    def send_notes(
        self, board: int, columns: list[int], count: int, rate: float, senders: list[int]
    ) -> dict[str, tuple[float, int]]:
        """``count`` notes at ``rate`` per second, round the senders, every
        ``presenter_every``-th by the facilitator. Returns client_id → (sent at, server it went
        through), in send order."""
        self.set_phase("notes")
        start = time.monotonic() + 1.0
        schedules: list[list] = [[] for _ in range(self.fleet.workers)]
        server_of: dict[str, int] = {}
        order: list[str] = []
        phone_notes = 0
        for i in range(count):
            client_id = uuid.uuid4().hex
            every = self.options.presenter_every
            if not senders or (every and i % every == every - 1):
                who, worker, server = FACILITATOR, 0, 0
            else:
                spec = self.fleet.phone(senders[phone_notes % len(senders)])
                who, worker, server = spec.index, spec.worker, spec.server
                phone_notes += 1
            message = {
                "action": "note.add",
                "activity": str(board),
                "column": str(columns[i % len(columns)]),
                "text": f"{NOTE_WORDS[i % len(NOTE_WORDS)]} #{i}",
                "client_id": client_id,
                # What the htmx ws extension adds to every form it sends; the server ignores it.
                "HEADERS": {"HX-Request": "true", "HX-Trigger": None, "HX-Target": None},
            }
            schedules[worker].append((start + i / rate, who, message))
            server_of[client_id] = server
            order.append(client_id)
        answers = self.fleet.call_all(
            "notes", [{"schedule": s} for s in schedules], timeout=count / rate + 120
        )
        sent: dict[str, float] = {}
        for answer in answers:
            sent.update(answer["sent"])
        self.figures["send_late_max_ms"] = round(max(a["late_ms"] for a in answers), 1)
        unsent = [cid for cid in order if cid not in sent]
        if unsent:
            self.error(f"{len(unsent)} notes could not be sent")
        return {cid: (sent[cid], server_of[cid]) for cid in order if cid in sent}

    def deliveries(self, notes: dict[str, tuple[float, int]], prefix: str = "") -> dict:
        """Wait for every note on every connected screen; per-recipient latencies."""
        if not notes:
            return {}
        last_sent = max(at for at, _server in notes.values())
        deadline = last_sent + self.options.drain_seconds
        collected = self.fleet.call_all(
            "collect",
            [{"expected": list(notes), "deadline": deadline}] * self.fleet.workers,
            timeout=self.options.drain_seconds + 60,
        )
        screens = [screen for answer in collected for screen in answer["screens"]]
        latencies, cross, missing = [], [], 0
        everywhere: dict[str, float] = {}
        last_seen = 0.0
        for screen in screens:
            for cid, (sent_at, server) in notes.items():
                seen_at = screen["seen"].get(cid)
                if seen_at is None:
                    missing += 1
                    continue
                latency = (seen_at - sent_at) * 1000
                latencies.append(latency)
                if server != screen["server"]:
                    cross.append(latency)
                everywhere[cid] = max(everywhere.get(cid, 0.0), latency)
                last_seen = max(last_seen, seen_at)
        if missing:
            self.error(f"{missing} deliveries never arrived")
        first_sent = min(at for at, _server in notes.values())
        span = max(last_seen - first_sent, 1e-9)
        figures = {
            f"{prefix}notes": len(notes),
            f"{prefix}screens": len(screens),
            f"{prefix}deliveries": len(latencies),
            f"{prefix}missing_deliveries": missing,
            **results.summarise(latencies, prefix),
            **results.summarise(everywhere.values(), prefix + "note_everywhere_"),
            f"{prefix}deliveries_per_s": round(len(latencies) / span, 1),
        }
        if len(self.deployment.processes) > 1:
            figures.update(results.summarise(cross, prefix + "cross_"))
        return figures

    def stats(self) -> dict:
        answers = self.fleet.call_all("stats", timeout=60)
        return {
            "frames": sum(a["frames"] for a in answers),
            "bytes": sum(a["bytes"] for a in answers),
            "errors": [e for a in answers for e in a["errors"]],
            "failed_attempts": sum(a["failed_attempts"] for a in answers),
            "connected": sum(a["connected"] for a in answers),
        }

    def finish(self, count_join: bool = False) -> dict:
        """Errors, server figures and the run's identity; written to results/<scenario>.json.

        Unless ``count_join``, the errors of the join storm that filled the room are reported
        as ``join_errors`` and left out of ``errors``: the scenario measures what follows.
        """
        stats = self.stats()
        everything = stats["errors"] + self.errors
        join_errors = [text for phase, text in everything if phase == "join"]
        errors = [text for phase, text in everything if count_join or phase != "join"]
        server_errors = self.deployment.server_errors()
        errors += server_errors + self.deployment.crashed()
        self.monitor.stop()
        if self.postgres:
            self.postgres.stop()
            self.figures.update(self.postgres.figures())
        rss = {pid: round(value, 1) for pid, value in self.monitor.max_rss.items()}
        self.figures.update(
            errors=len(errors),
            error_samples=errors[:10],
            server_errors=len(server_errors),
            join_errors=len(join_errors),
            join_error_samples=join_errors[:5],
            rss_mb=max(rss.values()) if rss else None,
            rss_mb_per_process=list(rss.values()),
            seconds=round(time.monotonic() - self.started, 1),
            commit=results.commit(),
            date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            machine=machine(self.load_start),
            server=self.server_figures(),
            load_generator={
                "workers": self.fleet.workers,
                "cpu_s": round(self.generator_cpu(), 2),
            },
        )
        self.figures.setdefault("p50_ms", None)
        self.figures["targets"] = results.check_targets(self.figures)
        order = ["scenario", "n", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms", "rss_mb"]
        ordered = {key: self.figures[key] for key in order if key in self.figures}
        ordered.update((k, v) for k, v in self.figures.items() if k not in ordered)
        self.figures = ordered
        self.figures["results_file"] = str(results.write(ordered, self.options.results_dir))
        return self.figures

    def server_figures(self) -> dict:
        """Which server ran the application, how many processes, on which stores."""
        env = self.deployment.env
        figures = {
            "name": self.deployment.server,
            "software": software(self.deployment.server),
            "command": " ".join(["python", *self.deployment.command("PORT")[1:]]),
            "processes": len(self.deployment.processes),
            "database": "postgresql" if self.deployment.database_url else "sqlite",
            "channel_layer": "redis" if self.deployment.redis_url else "in-memory",
        }
        if self.deployment.database_url:
            figures["db_pool_max_size"] = int(env.get("DB_POOL_MAX_SIZE") or 10)
            figures["db_pool_min_size"] = int(env.get("DB_POOL_MIN_SIZE") or 2)
        return figures

    def cpu_total(self) -> float:
        return sum(self.monitor.cpu().values())

    def generator_cpu(self) -> float:
        """CPU seconds the load generator's worker processes used so far."""
        return sum(cpu_seconds(process.pid) or 0.0 for process in self.fleet.processes)


# The scenarios ------------------------------------------------------------------------------


def join_storm(options: Options) -> dict:
    """N phones join within a few seconds: HTTP join, socket, snapshot. 0 errors expected."""
    with Run("join_storm", options) as run:
        cpu = run.cpu_total()
        activities = run.open_room(options.join_seconds)
        run.figures["cpu_s"] = round(run.cpu_total() - cpu, 2)
        for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms"):
            run.figures[key] = run.figures[f"join_{key}"]
        # Then the room moves to a board: the stage fragment reaches every screen.
        run.goto_board(activities)
        return run.finish(count_join=True)


def _fan_out(run: Run) -> dict:
    options = run.options
    board, columns = run.goto_board(run.open_room())
    redis_url = run.deployment.redis_url
    redis_before = redis_counters(redis_url) if redis_url else None
    before, cpu, started = run.stats(), run.cpu_total(), time.monotonic()
    generator = run.generator_cpu()
    notes = run.send_notes(
        board, columns, round(options.rate * options.seconds), options.rate, list(range(options.n))
    )
    run.figures.update(run.deliveries(notes))
    elapsed = time.monotonic() - started
    if redis_before:
        # The whole Redis server's counters over the notes and their drain: the channel layer,
        # the cache, and whatever else uses that server meanwhile (so an upper bound).
        redis_after = redis_counters(redis_url)
        run.figures["redis"] = {
            "seconds": round(elapsed, 1),
            "commands_per_s": round(
                (redis_after["total_commands_processed"] - redis_before["total_commands_processed"])
                / elapsed
            ),
            "kb_in_per_s": round(
                (redis_after["total_net_input_bytes"] - redis_before["total_net_input_bytes"])
                / elapsed
                / 1024,
                1,
            ),
            "kb_out_per_s": round(
                (redis_after["total_net_output_bytes"] - redis_before["total_net_output_bytes"])
                / elapsed
                / 1024,
                1,
            ),
        }
    cpu_used = run.cpu_total() - cpu
    after = run.stats()
    run.figures.update(
        rate=options.rate,
        note_seconds=options.seconds,
        cpu_s=round(cpu_used, 2),
        cpu_percent=round(100 * cpu_used / elapsed, 1),
        generator_cpu_percent=round(100 * (run.generator_cpu() - generator) / elapsed, 1),
        frames_per_s=round((after["frames"] - before["frames"]) / elapsed, 1),
        kb_per_s=round((after["bytes"] - before["bytes"]) / elapsed / 1024, 1),
    )
    return run.finish()


def fan_out(options: Options) -> dict:
    """Notes at a steady rate; latency until each note is on every screen."""
    with Run("fan_out", options) as run:
        return _fan_out(run)


BURST_RATE = 20.0  # issue 15: notes per second in a burst


def burst(options: Options) -> dict:
    """Notes in a burst (20 a second unless ``--rate`` says otherwise); as ``fan_out``."""
    if options.rate == Options.rate:
        options = dataclasses.replace(options, rate=BURST_RATE)
    with Run("burst", options) as run:
        return _fan_out(run)


def scaled_out(options: Options) -> dict:
    """Two server processes on PostgreSQL + Redis, the phones split between them; the
    connections to PostgreSQL are counted while the run lasts."""
    with Run("scaled_out", options, processes=2) as run:
        return _fan_out(run)


def reconnect_wave(options: Options) -> dict:
    """Half the phones drop and reconnect at once; each snapshot must show the whole board."""
    with Run("reconnect_wave", options) as run:
        n = options.n
        board, columns = run.goto_board(run.open_room())
        notes = run.send_notes(board, columns, options.wave_notes, options.rate, list(range(n)))
        before = run.deliveries(notes, prefix="before_")
        run.figures.update(before_missing_deliveries=before.get("before_missing_deliveries"))
        workers = run.fleet.workers
        dropping = [g for g in range(n) if (g // workers) % 2 == 0]
        expected = list(notes)  # in send order: the last one is the last note added
        run.set_phase("reconnect")
        at = time.monotonic() + 1.0
        cpu = run.cpu_total()
        answers = run.fleet.call_all(
            "drop_reconnect",
            [
                {"indices": dropping[w::workers], "at": at, "expected": expected}
                for w in range(workers)
            ],
            timeout=300,
        )
        waves = [a for answer in answers for a in answer]
        back = [w for w in waves if w["end"] is not None]
        dropped_at = min((w["dropped"] for w in waves), default=at)
        times = [(w["end"] - w["dropped"]) * 1000 for w in back]
        run.figures.update(
            dropped=len(waves),
            reconnect_failed_attempts=sum(w.get("failed_attempts", 0) for w in waves),
            reconnected=len(back),
            complete_snapshots=sum(w["ok"] for w in waves),
            snapshots_with_last_note=sum(bool(w.get("has_last")) for w in back),
            converge_s=round(max(w["end"] for w in back) - dropped_at, 2) if back else None,
            reconnect_snapshot_kb=round(
                max((w["snapshot_bytes"] for w in back), default=0) / 1024, 1
            ),
            **results.summarise(times),
            cpu_s=round(run.cpu_total() - cpu, 2),
        )
        # The reconnected sockets are live: one more note, from a phone that came back,
        # reaches every screen.
        sender = dropping[:1] or [0]
        after = run.send_notes(board, columns, 1, options.rate, sender)
        post = run.deliveries(after, prefix="after_")
        run.figures.update(
            after_missing_deliveries=post.get("after_missing_deliveries"),
            after_max_ms=post.get("after_max_ms"),
        )
        return run.finish()


# many_rooms: one facilitator and one workshop per room, made in the servers' database.
SEED_ROOMS = """
import json
from workshops import services
from workshops.models import WorkshopTemplate
template = WorkshopTemplate.objects.get(slug="full-customer-culture-day")
for r in range({rooms}):
    email = f"room-{{r + 1:02d}}@bench.culture-room.test"
    user = services.create_facilitator(name=f"Facilitator {{r + 1}}", email=email, password={pw!r})
    workshop = services.create_workshop(user, title=f"Bench room {{r + 1}}", template=template)
    board = workshop.activities.get(title={vision!r})
    columns = list(board.columns.order_by("pk").values_list("pk", flat=True))
    print("ROOM " + json.dumps({{"code": workshop.room_code, "email": email,
                                 "board": board.pk, "columns": columns}}))
"""


def seed_rooms(run: Run, rooms: int) -> list[dict]:
    """``rooms`` facilitators and workshops: room code, log-in, board and column ids."""
    password = uuid.uuid4().hex
    output = run.deployment.manage(
        "shell", "-c", SEED_ROOMS.format(rooms=rooms, pw=password, vision=VISION)
    )
    seeded = [json.loads(line[5:]) for line in output.splitlines() if line.startswith("ROOM ")]
    if len(seeded) != rooms or any(not room["columns"] for room in seeded):
        raise RuntimeError(f"seeding {rooms} rooms printed:\n{output[-2000:]}")
    for room in seeded:
        room["password"] = password
    return seeded


def many_rooms(options: Options) -> dict:
    """BENCH_ROOMS rooms (10) at once, the N phones shared out, scaled out as ``scaled_out``;
    notes in every room in turn. No screen may be shown another room's note (``leaks``)."""
    with Run("many_rooms", options, processes=2) as run:
        n, fleet = options.n, run.fleet
        count = max(1, min(options.rooms, n))
        rooms = seed_rooms(run, count)
        servers = len(fleet.servers)
        run.figures["rooms"] = count

        def room_of(g: int) -> int:  # rooms of consecutive phones: each on both processes
            return g * count // n

        # Facilitator r: screen -(r + 1), in worker r % workers, on process r % servers.
        run.set_phase("join")
        login_ms = []
        for r, room in enumerate(rooms):
            room.update(who=-(r + 1), worker=r % fleet.workers, server=r % servers)
            host, port = fleet.servers[room["server"]]
            presenter = fleet.call(
                room["worker"],
                "facilitator",
                host=host,
                port=port,
                server=room["server"],
                code=room["code"],
                email=room["email"],
                password=room["password"],
                index=room["who"],
            )
            login_ms.append(presenter["ms"])
        run.figures["presenter_login_ms"] = round(max(login_ms), 1)
        run.join_phones(code_of=lambda g: rooms[room_of(g)]["code"])

        # Every facilitator moves its room to its vision board.
        run.set_phase("board")
        since = time.monotonic()
        sent_at = [
            fleet.call(
                room["worker"],
                "send",
                who=room["who"],
                message={"action": "activity.goto", "activity": room["board"]},
            )
            for room in rooms
        ]
        by_code = {room["code"]: room["board"] for room in rooms}
        staged = fleet.call_all(
            "await_stage",
            [{"activity": 0, "since": since, "timeout": 120, "by_code": by_code}] * fleet.workers,
            timeout=150,
        )
        behind = sum(s["screens"] - s["staged"] for s in staged)
        if behind:
            run.error(f"{behind} screens never showed their room's board")
        lasts = [s["last"] for s in staged if s["last"] is not None]
        run.figures["stage_change_s"] = round(max(lasts) - min(sent_at), 2) if lasts else None

        # Notes: the rooms in turn at options.rate in all; in each room the phones in turn and
        # every presenter_every-th of the room's notes by its facilitator.
        before, cpu, started = run.stats(), run.cpu_total(), time.monotonic()
        run.set_phase("notes")
        senders = [[g for g in range(n) if room_of(g) == r] for r in range(count)]
        total = round(options.rate * options.seconds)
        start = time.monotonic() + 1.0
        schedules: list[list] = [[] for _ in range(fleet.workers)]
        notes: dict[str, tuple[int, int]] = {}  # client_id -> (room, server of its sender)
        for i in range(total):
            r, k = i % count, i // count
            room = rooms[r]
            every = options.presenter_every
            if not senders[r] or (every and k % every == every - 1):
                who, worker, server = room["who"], room["worker"], room["server"]
            else:
                spec = fleet.phone(senders[r][(k - k // every if every else k) % len(senders[r])])
                who, worker, server = spec.index, spec.worker, spec.server
            client_id = f"{room['code']}-{uuid.uuid4().hex}"
            message = {
                "action": "note.add",
                "activity": str(room["board"]),
                "column": str(room["columns"][k % len(room["columns"])]),
                "text": f"{NOTE_WORDS[i % len(NOTE_WORDS)]} #{i}",
                "client_id": client_id,
                "HEADERS": {"HX-Request": "true", "HX-Trigger": None, "HX-Target": None},
            }
            schedules[worker].append((start + i / options.rate, who, message))
            notes[client_id] = (r, server)
        answers = fleet.call_all(
            "notes", [{"schedule": s} for s in schedules], timeout=total / options.rate + 120
        )
        sent: dict[str, float] = {}
        for answer in answers:
            sent.update(answer["sent"])
        run.figures["send_late_max_ms"] = round(max(a["late_ms"] for a in answers), 1)
        if len(sent) < len(notes):
            run.error(f"{len(notes) - len(sent)} notes could not be sent")

        # Every note on every screen of its own room, and nowhere else.
        collected = fleet.call_all(
            "collect",
            [
                {
                    "expected": list(sent),
                    "deadline": max(sent.values(), default=start) + options.drain_seconds,
                    "own_room_only": True,
                }
            ]
            * fleet.workers,
            timeout=options.drain_seconds + 60,
        )
        screens = [screen for answer in collected for screen in answer["screens"]]
        latencies, cross, missing, last_seen = [], [], 0, 0.0
        everywhere: dict[str, float] = {}
        for screen in screens:
            for cid, sent_time in sent.items():
                if not cid.startswith(screen["code"] + "-"):
                    continue
                seen_at = screen["seen"].get(cid)
                if seen_at is None:
                    missing += 1
                    continue
                latency = (seen_at - sent_time) * 1000
                latencies.append(latency)
                if notes[cid][1] != screen["server"]:
                    cross.append(latency)
                everywhere[cid] = max(everywhere.get(cid, 0.0), latency)
                last_seen = max(last_seen, seen_at)
        if missing:
            run.error(f"{missing} deliveries never arrived")
        elapsed = time.monotonic() - started
        cpu_used = run.cpu_total() - cpu
        after = run.stats()
        span = max(last_seen - min(sent.values(), default=last_seen), 1e-9)
        run.figures.update(
            leaks=sum(screen["leak_frames"] for screen in screens),
            notes=len(sent),
            screens=len(screens),
            deliveries=len(latencies),
            missing_deliveries=missing,
            **results.summarise(latencies),
            **results.summarise(everywhere.values(), "note_everywhere_"),
            **results.summarise(cross, "cross_"),
            deliveries_per_s=round(len(latencies) / span, 1),
            rate=options.rate,
            note_seconds=options.seconds,
            cpu_s=round(cpu_used, 2),
            cpu_percent=round(100 * cpu_used / elapsed, 1),
            frames_per_s=round((after["frames"] - before["frames"]) / elapsed, 1),
            kb_per_s=round((after["bytes"] - before["bytes"]) / elapsed / 1024, 1),
        )
        return run.finish()


def report(options: Options) -> dict:
    """Not a live room: the consultant's PDF of a full workshop (issue 13), on a fresh SQLite
    database and media folder. ``n`` is the number of notes (``--notes``, 300)."""
    notes = options.extra.get("notes") or 300
    deployment = Deployment()
    load_start = os.getloadavg()
    try:
        deployment.manage("migrate", "--noinput")
        result = subprocess.run(
            [sys.executable, "-m", "bench.report", "--notes", str(notes)],
            cwd=ROOT,
            env=deployment.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        deployment.stop()
    errors = [] if result.returncode == 0 else [result.stderr.strip()[-2000:]]
    measured = json.loads(result.stdout.strip().splitlines()[-1]) if not errors else {}
    figures = {
        "scenario": "report",
        "n": notes,
        "seconds": measured.get("seconds"),
        "pages": measured.get("pages"),
        "errors": len(errors),
        "commit": results.commit(),
        **{key: value for key, value in measured.items() if key not in {"seconds", "pages"}},
        "error_samples": errors,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(load_start),
    }
    figures["targets"] = results.check_targets(figures)
    figures["results_file"] = str(results.write(figures, options.results_dir))
    return figures


JOIN_STEPS = ("name_page", "name_post", "room_page", "socket")
JOIN_WARM_UP = 30


def join_steps(options: Options) -> dict:
    """Where a join's server CPU goes: ``n`` phones (``--joins``, 300) join one after another,
    each step timed on the server's CPU clock; no queue, so the figures are the work itself.
    ``JOIN_WARM_UP`` phones first warm the process up, unmeasured."""
    n = options.extra.get("join_steps_n") or 300
    deployment = Deployment(server=options.server)
    load_start = os.getloadavg()
    errors: list[str] = []
    cost = dict.fromkeys(JOIN_STEPS, 0.0)
    try:
        deployment.start()
        host, port = deployment.processes[0].base
        pid = deployment.processes[0].pid

        async def step(name: str, action):
            before = cpu_seconds(pid)
            answer = await action
            cost[name] += cpu_seconds(pid) - before
            return answer

        async def join(index: int) -> Phone | None:
            phone = Phone(index, 0, host, port, deployment.code, f"Phone {index + 1}")
            try:
                token = await step("name_page", phone.name_page())
                await step("name_post", phone.post_name(token))
                await step("room_page", phone.room_page())
                await step("socket", phone.open_socket())
            except Exception as error:
                errors.append(f"phone {index}: {type(error).__name__}: {error}")
                return None
            return phone

        async def joins() -> float:
            presenter = Facilitator(0, 0, host, port, deployment.code)
            await presenter.log_in(deployment.email, deployment.password)
            phones = [await join(index) for index in range(JOIN_WARM_UP)]
            await asyncio.sleep(1)  # the presence list of the warm-up goes out
            for name in cost:
                cost[name] = 0.0
            started = cpu_seconds(pid)
            phones += [await join(index) for index in range(JOIN_WARM_UP, JOIN_WARM_UP + n)]
            used = cpu_seconds(pid) - started
            for screen in [presenter, *phones]:
                if screen is not None:
                    await screen.close()
            return used

        total = asyncio.run(joins())
        errors += deployment.server_errors() + deployment.crashed()
    finally:
        deployment.stop()
    figures = {
        "scenario": "join_steps",
        "n": n,
        "errors": len(errors),
        "ms_per_join": round(1000 * total / n, 1),
        **{f"{name}_ms": round(1000 * seconds / n, 2) for name, seconds in cost.items()},
        "error_samples": errors[:10],
        "commit": results.commit(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(load_start),
        "server": {"name": options.server, "processes": 1, "database": "sqlite"},
    }
    figures["targets"] = results.check_targets(figures)
    figures["results_file"] = str(results.write(figures, options.results_dir))
    return figures


BIG_BOARD_SEED = """
from workshops import services
from workshops.management.commands.seed_demo import DEMO_TITLE
from workshops.models import Note, Workshop
workshop = Workshop.objects.get(title=DEMO_TITLE)  # the demo room (seed_demo also makes a
board = workshop.activities.get(title="Vision: two years from now")  # finished workshop)
column = board.columns.first()
Note.objects.bulk_create(
    Note(activity=board, column=column, author_name="Facilitator", client_id=f"big-{n:06d}",
         text=f"Note {n}: we call five customers every week and share what we heard")
    for n in range(NOTES)
)
services.goto_activity(workshop, workshop.facilitator, board.pk)
print(board.pk)
"""
NOTE_ARTICLE = '<article id="note-'


async def _open_big_board(deployment: Deployment, board: int) -> dict:
    host, port = deployment.processes[0].base
    presenter = Facilitator(-1, 0, host, port, deployment.code)
    phone = Phone(0, 0, host, port, deployment.code, "Phone 0001")
    try:
        started = time.monotonic()
        snapshot = await presenter.log_in(deployment.email, deployment.password)
        presenter_s = time.monotonic() - started
        started = time.monotonic()
        await phone.join_over_http()
        page_s = time.monotonic() - started
        started = time.monotonic()
        phone_snapshot = await phone.open_socket()
        phone_socket_s = time.monotonic() - started
        # The presenter can move on, and the phone follows.
        started = time.monotonic()
        await presenter.send({"action": "activity.next"})
        while phone.stage_activity == board and time.monotonic() - started < 60:
            await asyncio.sleep(0.02)
        moved_s = time.monotonic() - started if phone.stage_activity != board else None
        return {
            "presenter_s": round(presenter_s, 2),
            "presenter_notes": snapshot.count(NOTE_ARTICLE),
            "presenter_snapshot_kb": round(len(snapshot.encode()) / 1024),
            "presenter_frames": presenter.wire_frames,
            "phone_page_s": round(page_s, 2),
            "phone_socket_s": round(phone_socket_s, 2),
            # The board comes with the room page; the snapshot brings it again only if the
            # room changed since the page was rendered.
            "phone_notes": max(
                phone.page_html.count(NOTE_ARTICLE), phone_snapshot.count(NOTE_ARTICLE)
            ),
            "phone_snapshot_kb": round(len(phone_snapshot.encode()) / 1024),
            "max_frame_kb": round(max(presenter.max_frame_bytes, phone.max_frame_bytes) / 1024),
            "moved_on_s": round(moved_s, 2) if moved_s is not None else None,
            "screen_errors": [text for screen in (presenter, phone) for _, text in screen.errors],
        }
    finally:
        await asyncio.gather(presenter.close(), phone.close(), return_exceptions=True)


def big_board(options: Options) -> dict:
    """A board of 5,000 notes (``--notes``) on one daphne process: seconds until a new
    presenter and a new phone hold the whole board (the snapshot comes in parts under the
    websocket frame limit), the snapshot's size, its largest frame, and the presenter moving
    on. The phone's time is split: its room page over HTTP, then its socket's snapshot."""
    notes = options.extra.get("big_board_notes") or 5000
    load_start = os.getloadavg()
    with Deployment(server=options.server) as deployment:
        board = int(
            deployment.manage("shell", "-c", BIG_BOARD_SEED.replace("NOTES", str(notes))).split()[
                -1
            ]
        )
        cpu_before = cpu_seconds(deployment.pids[0]) or 0.0
        measured = asyncio.run(_open_big_board(deployment, board))
        cpu_used = (cpu_seconds(deployment.pids[0]) or 0.0) - cpu_before
        errors = measured.pop("screen_errors") + deployment.server_errors()
    if measured["presenter_notes"] != notes or measured["phone_notes"] != notes:
        errors.append(
            f"notes on screen: presenter {measured['presenter_notes']}, "
            f"phone {measured['phone_notes']} of {notes}"
        )
    if measured["moved_on_s"] is None:
        errors.append("the phone did not follow the presenter off the board")
    figures = {
        "scenario": "big_board",
        "n": notes,
        "errors": len(errors),
        **measured,
        "server_cpu_s": round(cpu_used, 2),
        "server": {"name": options.server, "software": software(options.server)},
        "commit": results.commit(),
        "error_samples": errors[:10],
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(load_start),
    }
    figures["targets"] = results.check_targets(figures)
    figures["results_file"] = str(results.write(figures, options.results_dir))
    return figures


SCENARIOS = {
    "join_storm": join_storm,
    "join_steps": join_steps,
    "fan_out": fan_out,
    "burst": burst,
    "reconnect_wave": reconnect_wave,
    "scaled_out": scaled_out,
    "many_rooms": many_rooms,
    "report": report,
    "big_board": big_board,
}
