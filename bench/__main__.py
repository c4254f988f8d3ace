"""``python -m bench [SCENARIO|all]``: join_storm, fan_out, burst, reconnect_wave, ....

See docs/benchmarks.md for every scenario."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import results
from .scenarios import SCENARIOS, Options
from .server import SERVERS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Measure a live room with simulated phones."
    )
    parser.add_argument("scenario", nargs="?", default="all", choices=[*SCENARIOS, "all"])
    parser.add_argument("-n", type=int, help="phones (default: BENCH_N or 500)")
    parser.add_argument("--workers", type=int, help="load-generator processes (BENCH_WORKERS, 2)")
    parser.add_argument("--rate", type=float, help="notes per second (BENCH_RATE, 5)")
    parser.add_argument("--seconds", type=float, help="seconds of notes (BENCH_SECONDS, 15)")
    parser.add_argument(
        "--join-seconds", type=float, help="spread of the join storm (BENCH_JOIN_SECONDS, 5)"
    )
    parser.add_argument(
        "--fill-seconds",
        type=float,
        help="how the other scenarios fill the room before measuring (BENCH_FILL_SECONDS, 30)",
    )
    parser.add_argument(
        "--rooms", type=int, help="many_rooms: rooms the phones are shared over (BENCH_ROOMS, 10)"
    )
    parser.add_argument(
        "--server",
        choices=SERVERS,
        help="the ASGI server that runs the application (BENCH_SERVER, daphne)",
    )
    parser.add_argument("--notes", type=int, help="report: notes in the workshop (300)")
    parser.add_argument("--board-notes", type=int, help="big_board: notes on the board (5,000)")
    parser.add_argument("--joins", type=int, help="join_steps: phones joining one by one (300)")
    parser.add_argument("--results-dir", type=Path, help="where the JSON files go")
    args = parser.parse_args(argv)
    options = Options.from_env(
        n=args.n,
        workers=args.workers,
        rate=args.rate,
        seconds=args.seconds,
        join_seconds=args.join_seconds,
        fill_seconds=args.fill_seconds,
        rooms=args.rooms,
        server=args.server,
        results_dir=args.results_dir,
    )
    if args.notes:
        options.extra["notes"] = args.notes
    if args.board_notes:
        options.extra["big_board_notes"] = args.board_notes
    if args.joins:
        options.extra["join_steps_n"] = args.joins
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    failed = False
    for name in names:
        try:
            figures = SCENARIOS[name](options)
        except Exception as error:  # one broken scenario must not hide the others' figures
            print(f"{name}  FAILED: {type(error).__name__}: {error}", flush=True)
            failed = True
            continue
        print(results.line(figures), flush=True)
        for sample in figures.get("error_samples", [])[:3]:
            print(f"    error: {sample}", flush=True)
        failed = failed or figures["errors"] > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
