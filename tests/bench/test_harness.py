"""The measuring harness of `make bench`, small: 20 simulated phones against a real daphne.

The server runs as `make run` serves it (one daphne process, SQLite, Channels' in-memory layer);
the phones join over HTTP and listen on real websockets from two worker processes. The figures
go to test-results/bench/<scenario>.json and into every assertion message.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench import results, scenarios
from bench.scenarios import Options

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results" / "bench"
PHONES = 20


def small(**overrides) -> Options:
    options = Options(
        n=PHONES,
        workers=2,
        rate=10,  # 100 notes in 10 s
        seconds=10,
        join_seconds=2,
        fill_seconds=2,
        drain_seconds=10,
        results_dir=RESULTS,
    )
    for key, value in overrides.items():
        setattr(options, key, value)
    return options


def test_twenty_phones_join_without_an_error():
    figures = scenarios.join_storm(small())
    summary = results.line(figures)

    assert figures["errors"] == 0, f"{summary}\n{figures['error_samples']}"
    assert figures["joined"] == PHONES, summary
    assert figures["join_samples"] == PHONES, summary
    assert figures["p95_ms"] is not None and figures["p95_ms"] > 0, summary
    assert figures["stage_change_s"] is not None, summary
    assert figures["rss_mb"] > 0, summary
    written = json.loads((RESULTS / "join_storm.json").read_text())
    for key in ("scenario", "n", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms", "rss_mb"):
        assert key in written, key
    assert written["seconds"] > 0 and written["commit"], written


def test_join_steps_time_each_step_of_a_join():
    figures = scenarios.join_steps(small(extra={"join_steps_n": PHONES}))
    summary = results.line(figures)

    assert figures["errors"] == 0, f"{summary}\n{figures['error_samples']}"
    steps = [figures[f"{step}_ms"] for step in scenarios.JOIN_STEPS]
    assert all(ms > 0 for ms in steps), summary
    # The steps are most of the process's work meanwhile (the clock ticks in hundredths).
    assert sum(steps) <= figures["ms_per_join"] + 2, summary
    assert json.loads((RESULTS / "join_steps.json").read_text())["n"] == PHONES


def test_a_hundred_notes_from_twenty_phones_reach_every_screen():
    figures = scenarios.fan_out(small(presenter_every=0))
    summary = results.line(figures)
    screens = PHONES + 1  # and the presenter

    assert figures["errors"] == 0, f"{summary}\n{figures['error_samples']}"
    assert figures["notes"] == 100, summary
    assert figures["screens"] == screens, summary
    assert figures["missing_deliveries"] == 0, summary
    assert figures["deliveries"] == 100 * screens, summary
    assert figures["note_everywhere_samples"] == 100, summary
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"], (
        summary
    )
    assert figures["cpu_s"] > 0 and figures["rss_mb"] > 0, summary
    assert figures["deliveries_per_s"] > 0, summary
    written = json.loads((RESULTS / "fan_out.json").read_text())
    assert written["p95_ms"] == figures["p95_ms"], written
