"""The fuzz suite counts what it ran; the total is printed at the end of the test run and kept
in test-results/fuzz-counts.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.core import serializers

from workshops import backup

CASES: Counter[str] = Counter()
RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "fuzz-counts.json"


@pytest.fixture(autouse=True)
def _fuzz_sends_unlimited(unlimited_send_budget):
    """The fuzzer sends far faster than a phone may."""


def count(kind: str, number: int = 1) -> None:
    CASES[kind] += number


def rows_of(root) -> dict[str, list[dict]]:
    """Every row that belongs to ``root`` (a workshop, a participant), to compare before and
    after: a change anywhere in them shows."""
    root = type(root)._base_manager.get(pk=root.pk)
    return {
        model._meta.label: serializers.serialize("python", [rows[pk] for pk in sorted(rows)])
        for model, rows in sorted(backup.collect(root).items(), key=lambda item: str(item[0]))
    }


def pytest_terminal_summary(terminalreporter) -> None:
    if not CASES:
        return
    total = sum(CASES.values())
    parts = ", ".join(f"{number} {kind}" for kind, number in sorted(CASES.items()))
    terminalreporter.write_line(f"Fuzz cases run: {total} ({parts})")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"total": total, **CASES}, indent=1, sort_keys=True) + "\n")
