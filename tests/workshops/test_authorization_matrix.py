"""Who may open what: every named URL and every socket action against the whole cast.

The cast: anonymous, a participant of this room, a participant of another room, a removed
participant of this room, the facilitator of this workshop, another facilitator. The tables
below state the outcome for each (route, role) and (action, role); a route or an action
without a row fails the test, so a new one gets its rules written down.

Each request runs in a transaction that is rolled back, so a deleting or closing request
leaves the next one the same workshop.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from culture_program.models import CultureProgram
from rituals.models import Ritual
from tests.conftest import make_facilitator, make_participant, participant_cookie
from tests.filled import fill_workshop
from tests.fuzz.test_socket_actions import answers_to
from tests.live.helpers import (
    CLOSE_UNKNOWN_IDENTITY,
    RoomSockets,
    facilitator_cookies,
    participant_cookies,
    receive_close,
)
from workshops import kinds, services
from workshops.live import actions
from workshops.models import Note

ROLES = ("anonymous", "participant", "other_participant", "removed", "facilitator", "other")

# Outcomes: a status code, or one of these.
LOGIN = "login"  # redirected to the log-in page
JOIN = "join"  # redirected to the room's join link
ROOM = "room"  # redirected to the room page
ELSEWHERE = "302"  # redirected somewhere inside the app (a page after a change)


def everyone(outcome) -> dict[str, object]:
    return dict.fromkeys(ROLES, outcome)


def facilitators_only(mine, others=404) -> dict[str, object]:
    """A facilitator's page of this workshop: log in first, and it is the owner's alone."""
    return {
        "anonymous": LOGIN,
        "participant": LOGIN,
        "other_participant": LOGIN,
        "removed": LOGIN,
        "facilitator": mine,
        "other": others,
    }


def any_facilitator(outcome) -> dict[str, object]:
    """A page for any facilitator (their own list, the shared ritual library)."""
    return facilitators_only(outcome, outcome)


@dataclass(frozen=True)
class Route:
    method: str
    args: tuple = ()
    expected: dict | None = None


def routes(ctx) -> dict[str, Route]:
    """Every named route, how to call it, and what each role gets."""
    w = ctx["workshop"]
    code, pk = w.room_code, w.pk
    board, paradigm, explainer = ctx["board"], ctx["paradigm"], ctx["explainer"]
    dimension, slide, program = ctx["dimension"], ctx["slide"], ctx["program"]
    milestone = program.milestones.first()
    link = program.share_links.first()
    return {
        # Participants' pages: anyone with the code may join; the room is for who joined.
        "landing": Route("get", (), everyone(200)),
        "join": Route("post", (), everyone(JOIN)),
        "join_link": Route("get", (code,), {**everyone(200), "participant": ROOM}),
        "room": Route("get", (code,), {**everyone(JOIN), "participant": 200}),
        # A joined phone gets the form's refusal (no picture); everyone else is not in the room.
        "picture_upload": Route("post", (code,), {**everyone(403), "participant": 400}),
        # Accounts.
        "signup": Route("get", (), {**everyone(200), "facilitator": ELSEWHERE, "other": ELSEWHERE}),
        "login": Route("get", (), everyone(200)),
        "logout": Route("post", (), everyone(ELSEWHERE)),
        "password_reset": Route("get", (), everyone(200)),
        "password_reset_done": Route("get", (), everyone(200)),
        # A link with a token that was never issued: the page says the link is not valid.
        "password_reset_confirm": Route("get", ("MQ", "set-password"), everyone(200)),
        "password_reset_complete": Route("get", (), everyone(200)),
        # The facilitator's workshops.
        "workshop_list": Route("get", (), any_facilitator(200)),
        "workshop_new": Route("get", (), any_facilitator(200)),
        "workshop_detail": Route("get", (pk,), facilitators_only(200)),
        "workshop_delete": Route("post", (pk,), facilitators_only(ELSEWHERE)),
        "room_code_regenerate": Route("post", (pk,), facilitators_only(ELSEWHERE)),
        "room_close": Route("post", (pk,), facilitators_only(ELSEWHERE)),
        "room_reopen": Route("post", (pk,), facilitators_only(ELSEWHERE)),
        "activity_add": Route("post", (pk,), facilitators_only(200)),
        "activity_edit": Route("post", (pk, board.pk), facilitators_only(200)),
        "activity_settings": Route("post", (pk, board.pk), facilitators_only(200)),
        "activity_remove": Route("post", (pk, board.pk), facilitators_only(ELSEWHERE)),
        "activity_move": Route("post", (pk, board.pk), facilitators_only(ELSEWHERE)),
        "dimension_add": Route("post", (pk, paradigm.pk), facilitators_only(ELSEWHERE)),
        "dimension_edit": Route("post", (pk, dimension.pk), facilitators_only(200)),
        "dimension_move": Route("post", (pk, dimension.pk), facilitators_only(ELSEWHERE)),
        "dimension_remove": Route("post", (pk, dimension.pk), facilitators_only(ELSEWHERE)),
        "slide_add": Route("post", (pk, explainer.pk), facilitators_only(ELSEWHERE)),
        "slide_edit": Route("post", (pk, slide.pk), facilitators_only(200)),
        "slide_move": Route("post", (pk, slide.pk), facilitators_only(ELSEWHERE)),
        "slide_remove": Route("post", (pk, slide.pk), facilitators_only(ELSEWHERE)),
        "present": Route("get", (pk,), facilitators_only(200)),
        "healthz": Route("get", (), everyone(200)),
        # The language switch: anyone may choose a language; it goes back where it came from.
        "set_language": Route("post", (), everyone(ELSEWHERE)),
        # Results, the program and its downloads.
        "workshop_results": Route("get", (pk,), facilitators_only(200)),
        "notes_csv": Route("get", (pk,), facilitators_only(200)),
        "ratings_csv": Route("get", (pk,), facilitators_only(200)),
        "program_builder": Route("get", (pk,), facilitators_only(200)),
        "program_details": Route("post", (pk,), facilitators_only(200)),
        "share_create": Route("post", (pk,), facilitators_only(ELSEWHERE)),
        "share_revoke": Route("post", (pk, link.pk), facilitators_only(ELSEWHERE)),
        "program_part_add": Route("post", (pk, "milestones"), facilitators_only(200)),
        "program_part_edit": Route(
            "post", (pk, "milestones", milestone.pk), facilitators_only(200)
        ),
        "program_part_remove": Route(
            "post", (pk, "milestones", milestone.pk), facilitators_only(ELSEWHERE)
        ),
        "program_pdf": Route("get", (pk,), facilitators_only(200)),
        "program_ics": Route("get", (pk,), facilitators_only(200)),
        # The client's read-only link: anyone holding the token.
        "shared_program": Route("get", (link.token,), everyone(200)),
        "shared_pdf": Route("get", (link.token,), everyone(200)),
        "shared_ics": Route("get", (link.token,), everyone(200)),
        # The ritual library is shared by every facilitator.
        "ritual_list": Route("get", (), any_facilitator(200)),
        "ritual_new": Route("get", (), any_facilitator(200)),
        "ritual_edit": Route("get", (ctx["ritual"].slug,), any_facilitator(200)),
        # Picture notes: served to whoever has the (unguessable, random) file name.
        "media": Route("get", (ctx["picture"],), everyone(200)),
    }


def named_routes() -> set[str]:
    """Every named route of the project's own URLconfs (Django's admin has its own rules)."""
    names: set[str] = set()

    def walk(patterns) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


@pytest.fixture
def cast(facilitator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    filled = fill_workshop(facilitator)
    workshop = filled.workshop
    other = make_facilitator("Olga")
    other_workshop = services.create_workshop(other, title="Someone else's workshop")
    removed = make_participant(workshop, "Rémi")
    services.remove_participant(workshop, facilitator, removed.pk)
    paradigm = filled.activities["paradigm"]
    explainer = filled.activities["explainer"]
    picture = Note.objects.filter(activity__workshop=workshop).exclude(image="").get()
    return {
        "workshop": workshop,
        "facilitator": facilitator,
        "other": other,
        "participant": filled.participants[0],
        "other_participant": make_participant(other_workshop, "Omar"),
        "removed": removed,
        "board": filled.activities["board"],
        "paradigm": paradigm,
        "explainer": explainer,
        "dimension": paradigm.dimensions.first(),
        "slide": explainer.slides.first(),
        "program": CultureProgram.objects.get(workshop=workshop),
        "ritual": Ritual.objects.first(),
        "picture": picture.image.name,
    }


def client_as(role: str, ctx) -> Client:
    client = Client()
    if role in ("facilitator", "other"):
        client.force_login(ctx[role])
    elif role in ("participant", "other_participant", "removed"):
        client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(ctx[role])
    return client


def outcome(response, ctx) -> object:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    code = ctx["workshop"].room_code
    if location.startswith(reverse("login")):
        return LOGIN
    if location == reverse("join_link", args=[code]):
        return JOIN
    if location == reverse("room", args=[code]):
        return ROOM
    return ELSEWHERE


@pytest.mark.django_db
def test_every_route_gives_each_role_what_the_table_says(cast):
    table = routes(cast)
    assert set(table) == named_routes(), "A route without a row (or a row without a route)"
    got, wanted = {}, {}
    for name, route in table.items():
        url = reverse(name, args=route.args)
        data = {"code": cast["workshop"].room_code} if name == "join" else {}
        for role in ROLES:
            with transaction.atomic():
                response = getattr(client_as(role, cast), route.method)(url, data)
                transaction.set_rollback(True)
            got[name, role] = outcome(response, cast)
            wanted[name, role] = route.expected[role]
    mismatches = {key: (got[key], wanted[key]) for key in got if got[key] != wanted[key]}
    assert not mismatches, f"(route, role): (got, table says) {mismatches}"


# Socket actions -----------------------------------------------------------------------------

PHONE = "a phone's action"  # anyone in the room may send it
PRESENTER = "the facilitator's control"  # refused to a phone before it is read

ACTIONS = {
    "activity.goto": PRESENTER,
    "activity.next": PRESENTER,
    "activity.previous": PRESENTER,
    "activity.skip": PRESENTER,
    "participant.remove": PRESENTER,
    "timer.start": PRESENTER,
    "timer.stop": PRESENTER,
    "note.add": PHONE,
    "note.edit": PHONE,
    "note.delete": PHONE,
    "note.vote": PHONE,
    "note.unvote": PHONE,
    "note.move": PRESENTER,
    "note.group": PRESENTER,
    "note.spotlight": PRESENTER,
    "activity.lock": PRESENTER,
    "activity.unlock": PRESENTER,
    "activity.reveal": PRESENTER,
    "activity.hide": PRESENTER,
    "board.sort": PRESENTER,
    "board.names": PRESENTER,
    "rating.set": PHONE,
    "dimension.goto": PRESENTER,
    "vision.edit": PHONE,
    "vision.place": PHONE,
    "vision.vote": PHONE,
    "vision.split": PRESENTER,
    "vision.voting": PRESENTER,
    "vision.finalise": PRESENTER,
    "norm.add": PHONE,
    "norm.shift": PRESENTER,
    "norm.unshift": PRESENTER,
    "library.put": PHONE,
    "canvas.edit": PHONE,
    "design.place": PHONE,
    "design.split": PRESENTER,
    "design.move": PRESENTER,
    "design.assign": PRESENTER,
    "design.promote": PRESENTER,
    "ideas.promote": PRESENTER,
    "ritual.start": PRESENTER,
    "ritual.update": PRESENTER,
    "ritual.commit": PHONE,
    "ritual.names": PRESENTER,
    "wow.suggest": PHONE,
    "wow.add": PRESENTER,
    "wow.accept": PRESENTER,
    "wow.edit": PRESENTER,
    "wow.remove": PRESENTER,
}

REFUSED_CONTROL = services.FACILITATOR_ONLY
NO_LONGER_IN = "You are no longer in this room."


def action_table() -> set[str]:
    return set(actions.CORE_ACTIONS) | {name for name, _action in kinds.socket_actions()}


def test_every_socket_action_has_a_row_and_the_row_matches_its_declaration():
    assert set(ACTIONS) == action_table(), "An action without a row (or a row without one)"
    for name, who in ACTIONS.items():
        assert actions.find_action(name).facilitator_only == (who == PRESENTER), name


async def answer(socket, name: str, tag: str) -> str:
    """Everything that comes back for ``name`` sent with no fields (up to a barrier)."""
    return "\n".join(await answers_to(socket, {"action": name}, tag))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("unlimited_send_budget")
async def test_every_socket_action_against_every_role(cast):
    ctx = cast
    code = ctx["workshop"].room_code
    async with RoomSockets() as sockets:
        # Only this room's facilitator and its joined participants get in at all.
        for role, cookies in (
            ("anonymous", {}),
            ("other_participant", participant_cookies(ctx["other_participant"])),
            ("removed", participant_cookies(ctx["removed"])),
            ("other", await facilitator_cookies(ctx["other"])),
        ):
            socket = await sockets.open(code, cookies)
            assert await receive_close(socket) == CLOSE_UNKNOWN_IDENTITY, role

        presenter, _ = await sockets.facilitator(ctx["facilitator"], ctx["workshop"])
        phone, _ = await sockets.participant(ctx["participant"], ctx["workshop"])
        for number, (name, who) in enumerate(sorted(ACTIONS.items())):
            from_phone = await answer(phone, name, f"phone-{number:04d}")
            from_presenter = await answer(presenter, name, f"presenter-{number:04d}")
            if who == PRESENTER:
                assert escape(REFUSED_CONTROL) in from_phone, name
            else:
                assert escape(REFUSED_CONTROL) not in from_phone, name
            # The facilitator's screen is never refused for who it is: at most for the fields.
            assert escape(REFUSED_CONTROL) not in from_presenter, name
            assert escape(NO_LONGER_IN) not in from_phone + from_presenter, name

        # A phone removed while its socket is open can do nothing any more.
        late = await database_sync_to_async(make_participant)(ctx["workshop"], "Lena")
        late_phone, _ = await sockets.participant(late, ctx["workshop"])
        await database_sync_to_async(services.remove_participant)(
            ctx["workshop"], ctx["facilitator"], late.pk
        )
        for number, name in enumerate(sorted(ACTIONS)):
            assert escape(NO_LONGER_IN) in await answer(late_phone, name, f"late-{number:04d}")
