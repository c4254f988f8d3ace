"""Activity kinds: what each kind of agenda activity is and does, declared in one place.

Every activity on an agenda has a kind (``Activity.kind`` holds its key). A kind declares what
adding it to an agenda creates, its settings form for the agenda editor, the partials and
context for the phone, the presenter and the editor, a phone's personal fragment, its socket
actions, and what it contributes to the results page. The core runs whatever is registered and
never branches on a kind; an app registers its kinds from ``AppConfig.ready()``::

    kinds.register(kinds.ActivityKind(key="norms", label=_("Norms inventory"), ...))

See docs/architecture.md, "How to add an activity kind".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import AbstractBaseUser

    from ..live.updates import Outcome
    from ..models import Activity, Participant, Workshop

# The stage every screen falls back to: the activity's title and prompt.
DEFAULT_PHONE = "workshops/stage.html#phone_default"
DEFAULT_PRESENTER = "workshops/stage.html#presenter_default"


@dataclass(frozen=True)
class ActionContext:
    """Who sent a socket message, with fresh rows: the shared preamble every handler gets."""

    workshop: Workshop
    participant: Participant | None
    user: AbstractBaseUser | None
    base_url: str

    @property
    def is_presenter(self) -> bool:
        return self.user is not None


# handler(context, cleaned_data) -> Outcome
ActionHandler = Callable[[ActionContext, dict], "Outcome"]


@dataclass(frozen=True)
class SocketAction:
    """One socket action: the form that validates the message and the handler that runs it.

    ``facilitator_only`` refuses a participant before the message is even read (the service
    checks again). ``form`` may be None for an action without fields.
    """

    form: type[forms.Form] | None
    handler: ActionHandler
    facilitator_only: bool = False


@dataclass(frozen=True)
class ResultsSection:
    """What a kind adds to the results page (and later the report): a partial and its context.

    ``notes`` are rows for the notes export, one dict per note with the keys of
    ``culture_program.results.CSV_HEADER``; ``ratings`` rows for the ratings export (keys of
    ``RATINGS_CSV_HEADER`` there).
    """

    partial: str
    context: dict[str, Any]
    notes: list[dict[str, str]] = field(default_factory=list)
    ratings: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ActivityKind:
    """Everything the core needs to run one kind of activity.

    Only ``key`` and ``label`` are required; a kind without partials shows the default stage
    (its title and prompt) on every screen.
    """

    key: str
    # gettext_lazy text: the editor and the results page show it in the reader's language.
    label: str
    # Order in the editor's "Type" list and of the sections on the results page.
    position: int = 100

    # What adding it to an agenda creates: ``setup(activity, item)`` runs once, in the same
    # transaction as the new Activity; ``item`` is the template's agenda entry (a dict), so a
    # template can carry the kind's own set-up (columns, dimensions, ...).
    setup: Callable[[Activity, dict], None] | None = None
    # Activity fields a template's agenda entry may set under "settings".
    template_settings: tuple[str, ...] = ()

    # The stage: partials (template names, or Template objects) and their context.
    phone_partial: Any = DEFAULT_PHONE
    presenter_partial: Any = DEFAULT_PRESENTER
    context: Callable[[Activity], dict] | None = None
    # The projector shows the join link and QR code on this kind's stage.
    shows_join_code: bool = False
    # Previous/next step inside the activity first (slides of a deck); True when it moved.
    step: Callable[[Activity, int], bool] | None = None

    # A phone's personal fragment on this kind's stage (its own votes, notes, rating): HTML
    # carrying ids of its own, re-sent on a snapshot and when something personal changed.
    personal: Callable[[Activity, Participant], str] | None = None

    # Socket actions this kind adds to the room's action table.
    actions: dict[str, SocketAction] = field(default_factory=dict)

    # The agenda editor: a settings form (a ModelForm on Activity, or any form taking
    # ``instance=activity``), the service that saves it, and a partial with extra context.
    settings_form: type[forms.BaseForm] | None = None
    save_settings: Callable[[Activity, AbstractBaseUser, forms.BaseForm], None] | None = None
    editor_partial: Any = None
    editor_context: Callable[[Activity, dict], dict] | None = None

    # What the kind's activities of a workshop add to the results page: None for nothing.
    results: Callable[[Workshop, list[Activity]], ResultsSection | None] | None = None
    # What they hand to the culture program and its report: a dict whose keys are listed in
    # PROGRAM_INPUTS (a kind fills the ones it knows; the program merges lists).
    program_inputs: Callable[[Workshop, list[Activity]], dict] | None = None
    # What the finished demo workshop of ``seed_demo`` puts into an activity of this kind,
    # through the services as a room would: ``demo(activity, room)`` with the facilitator and
    # the people of the demo room (workshops/demo.py).
    demo: Callable[[Activity, Any], None] | None = None

    # The kind is a sticky-note board (notes, votes, columns): board actions apply to it.
    uses_board: bool = False

    # Static files its partials need (paths for ``{% static %}``): stylesheets go on every
    # page, scripts on the phone's and the presenter's room pages.
    stylesheets: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()


# The keys of ``program_inputs``, each a list of plain dicts (no model instances):
PROGRAM_INPUTS = {
    "gaps": "paradigm dimensions: name, pillar, today, target, gap, spread, n",
    "norms": "norms: text, pillar, column (helps / gets in the way), belief, from_to (a pair, "
    "or 'from → to' texts joined by '; ', or ''), votes",
    "vision": "vision board notes and statements: text, picture_url, votes, kind",
    "rituals": "designed rituals: name, pillar, purpose, cadence, participants, steps, owner, "
    "sponsor, first_date (date or None), success_signal",
    "started": "the ritual started in the room: name, owner, sponsor, first_date, commitments",
    "way_of_working": "the way-of-working draft: section (its name, as printed), text",
}

_KINDS: dict[str, ActivityKind] = {}


class KindError(Exception):
    pass


def register(kind: ActivityKind) -> ActivityKind:
    """Add a kind; a second kind with the same key or a clashing action name is a mistake."""
    if kind.key in _KINDS and _KINDS[kind.key] is not kind:
        raise KindError(f"An activity kind {kind.key!r} is already registered.")
    taken = {name for other in _KINDS.values() if other.key != kind.key for name in other.actions}
    clashing = taken & set(kind.actions)
    if clashing:
        raise KindError(f"Socket actions {sorted(clashing)} are already taken by another kind.")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Remove a kind (tests register kinds of their own and take them away again)."""
    _KINDS.pop(key, None)


def get(key: str) -> ActivityKind:
    """The registered kind, or a plain stand-in for a kind whose app is not installed."""
    return _KINDS.get(key) or ActivityKind(key=key, label=key.replace("_", " ").capitalize())


def is_registered(key: str) -> bool:
    return key in _KINDS


def all_kinds() -> list[ActivityKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.position, kind.label))


def choices() -> list[tuple[str, str]]:
    """The kinds a facilitator can add, for the agenda editor's "Type" field."""
    return [(kind.key, kind.label) for kind in all_kinds()]


def socket_actions() -> Iterable[tuple[str, SocketAction]]:
    for kind in all_kinds():
        yield from kind.actions.items()


def find_socket_action(name: str) -> SocketAction | None:
    """The action of that name, from whichever kind declares it."""
    for kind in _KINDS.values():
        if name in kind.actions:
            return kind.actions[name]
    return None


def welcome_kind() -> ActivityKind | None:
    """The first kind that shows people how to join: a new room opens with it."""
    return next((kind for kind in all_kinds() if kind.shows_join_code), None)


def board_kind_keys() -> list[str]:
    return [kind.key for kind in all_kinds() if kind.uses_board]


def assets(request=None) -> dict:
    """Context processor: every registered kind's stylesheets and scripts, each once."""
    stylesheets = dict.fromkeys(path for kind in all_kinds() for path in kind.stylesheets)
    scripts = dict.fromkeys(path for kind in all_kinds() for path in kind.scripts)
    return {"kind_stylesheets": list(stylesheets), "kind_scripts": list(scripts)}
