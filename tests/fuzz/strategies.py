"""What the fuzzer sends: hostile values for every field a socket message or a form has.

Values are drawn by hypothesis. ``examples(strategy, n)`` draws them deterministically
(``derandomize=True``: CI sees the same cases every run) so a test can replay them over a socket
it keeps open; hypothesis' own runner then only generates, the test checks each case.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# Text a person (or a script) could paste: direction marks, zero-width joiners, BOM, NUL,
# combining marks, emoji sequences, markup, template syntax, CSV formulas, SQL.
NASTY_TEXT = [
    "",
    " ",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # RTL mark, Hebrew, Arabic
    "\u200b\u200c\u200d\ufeff",  # zero-width space, non-joiner, joiner, BOM
    "a\x00b",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "e\u0301\u0301\u0301\u0301",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\U0001d54f\U0001f600",
    "line\r\nbreak\rand\u2028more\u2029",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}{% debug %}",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE workshops_note; --",
    "%s%n%x",
    "NaN",
    "-Infinity",
    "1e309",
    "-1",
    "0",
    "007",
    " 12 ",
    "12abc",
    "9" * 40,
    "x" * 5000,
    "\U0001f600" * 1500,
]
# Unpaired UTF-16 halves: valid in a JSON string escape, invalid in UTF-8.
LONE_SURROGATES = ["\ud800", "a\udfffb", "\udbff\udbff"]

HUGE_INTS = [2**31, 2**63, -(2**63) - 1, 10**30, -1, 0]


def text(*, surrogates: bool = True) -> st.SearchStrategy[str]:
    alphabet = st.characters(exclude_categories=() if surrogates else ("Cs",))
    parts = [
        st.sampled_from(NASTY_TEXT),
        st.text(alphabet, max_size=80),
        st.text(st.sampled_from("\u202e\u200b\u0000\n\t<>&\"'{}%"), max_size=40),
    ]
    if surrogates:
        parts.append(st.sampled_from(LONE_SURROGATES))
    return st.one_of(parts)


def scalars(*, surrogates: bool = True) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.sampled_from(HUGE_INTS),
        st.floats(allow_nan=True, allow_infinity=True),
        text(surrogates=surrogates),
    )


def json_values(*, surrogates: bool = True, depth: int = 4) -> st.SearchStrategy[Any]:
    """Any JSON value, nested a few levels (deep nesting has a test of its own)."""
    return st.recursive(
        scalars(surrogates=surrogates),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(text(surrogates=False), children, max_size=4),
        ),
        max_leaves=12,
    )


def _choices(field: forms.Field) -> list[Any]:
    choices = getattr(field, "choices", None)
    if choices is None:
        return []
    try:
        values = [getattr(value, "value", value) for value, _label in choices]
    except (TypeError, ValueError):
        return []
    return [value for value in values if value not in ("", None)]


def field_values(
    field: forms.Field, ids: list[int], *, surrogates: bool = True
) -> st.SearchStrategy[Any]:
    """Values for one form field: plausible ones (ids of this room and of another, choices),
    wrong types, hostile text, nested JSON."""
    hostile = json_values(surrogates=surrogates)
    plausible: list[st.SearchStrategy[Any]] = []
    if isinstance(field, forms.IntegerField | forms.ModelChoiceField | forms.TypedChoiceField):
        pool = ids or [1]
        plausible += [
            st.sampled_from(pool),
            st.sampled_from(pool).map(str),
            st.sampled_from(HUGE_INTS),
            st.integers(min_value=-5, max_value=10**6).map(str),
        ]
    if isinstance(field, forms.BooleanField):
        plausible.append(st.sampled_from([True, False, "on", "off", "true", "false", "1", "0"]))
    if isinstance(field, forms.DateTimeField | forms.DateField):
        plausible.append(
            st.sampled_from(
                [
                    "2026-12-01T09:30",
                    "2026-02-30T10:00",
                    "9999-12-31T23:59",
                    "0001-01-01T00:00",
                    "1970-01-01",
                    "tomorrow",
                ]
            )
        )
        plausible.append(st.datetimes().map(lambda moment: moment.isoformat()))
    choices = _choices(field)
    if choices:
        plausible.append(st.sampled_from(choices))
    if isinstance(field, forms.CharField):
        plausible.append(text(surrogates=surrogates))
    return st.one_of(*plausible, hostile) if plausible else hostile


def messages(
    action: str,
    form_class: type[forms.Form] | None,
    ids: list[int],
    *,
    surrogates: bool = True,
) -> st.SearchStrategy[dict]:
    """A socket message for ``action``: each of its form's fields present or not, with any
    value; maybe extra keys; maybe the htmx extension's HEADERS."""
    fields = dict(form_class.base_fields) if form_class else {}
    optional = {
        name: field_values(field, ids, surrogates=surrogates) for name, field in fields.items()
    }
    # A client_id is echoed to the sender with a refusal; one that is not valid unicode is the
    # consumer's parsing to refuse, tested on its own (test_socket_frames.py).
    optional["client_id"] = st.one_of(
        st.text(st.sampled_from("abcXYZ019_-"), min_size=1, max_size=70),
        scalars(surrogates=False),
    )
    optional["HEADERS"] = st.one_of(
        st.just({"HX-Request": "true", "HX-Target": "room"}), json_values(surrogates=surrogates)
    )
    extra = st.dictionaries(
        text(surrogates=False).filter(lambda key: key not in optional and key != "action"),
        json_values(surrogates=surrogates),
        max_size=3,
    )
    return st.builds(
        lambda given_fields, more: {"action": action, **more, **given_fields},
        st.fixed_dictionaries({}, optional=optional),
        extra,
    )


def examples(strategy: st.SearchStrategy, count: int) -> list[Any]:
    """``count`` values of ``strategy``, the same ones on every run."""
    found: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


class Verbatim:
    """A frame sent as it is, not encoded as JSON."""

    def __init__(self, frame: str) -> None:
        self.frame = frame

    def __repr__(self) -> str:
        return f"Verbatim({self.frame[:300]!r})"


def as_frame(message: Any) -> str:
    """The frame a client would send: JSON (NaN and Infinity as Python writes them), or a
    verbatim frame as it is."""
    if isinstance(message, Verbatim):
        return message.frame
    return json.dumps(message)
