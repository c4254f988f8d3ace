"""Room codes: readable on a projector, typed on a phone, unique among the open rooms."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.conftest import make_workshop
from workshops import services
from workshops.models import ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, Workshop

LOOK_ALIKES = "0O1IL"

pytestmark = pytest.mark.django_db


def assert_valid_code(code: str) -> None:
    assert len(code) == ROOM_CODE_LENGTH, code
    assert set(code) <= set(ROOM_CODE_ALPHABET), code
    assert not set(code) & set(LOOK_ALIKES), code


def test_alphabet_has_no_look_alike_characters():
    assert not set(ROOM_CODE_ALPHABET) & set(LOOK_ALIKES)
    assert ROOM_CODE_LENGTH == 6


def test_generated_codes_use_only_the_alphabet_and_have_six_characters(workshop, facilitator):
    codes = {workshop.room_code}
    for _ in range(300):
        codes.add(services.regenerate_room_code(workshop, facilitator).room_code)
    for code in codes:
        assert_valid_code(code)
    # Random, not a counter: many different codes, covering most of the alphabet.
    assert len(codes) > 250
    assert len(set("".join(codes))) > len(ROOM_CODE_ALPHABET) - 3


def test_new_workshops_get_valid_distinct_codes(facilitator):
    workshops = [make_workshop(facilitator, template_slug=None) for _ in range(30)]
    codes = [w.room_code for w in workshops]
    for code in codes:
        assert_valid_code(code)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: code.capitalize(),
        lambda code: f"{code[:3]}-{code[3:]}",
        lambda code: f" {code[:3]} {code[3:]} ",
        lambda code: f"{code[:2].lower()} - {code[2:4]}\t{code[4:].lower()}",
    ],
    ids=["lowercase", "mixed-case", "dash", "spaces", "everything"],
)
def test_lookup_ignores_case_spaces_and_dashes(workshop, typed):
    assert services.find_open_workshop(typed(workshop.room_code)) == workshop


def test_lookup_of_an_unknown_code_raises_room_not_found(workshop):
    unknown = "ZZZZZZ" if workshop.room_code != "ZZZZZZ" else "YYYYYY"
    with pytest.raises(services.RoomNotFound, match="There is no room with this code"):
        services.find_open_workshop(unknown)


def test_lookup_of_a_code_of_the_wrong_length_raises_room_not_found(workshop):
    with pytest.raises(services.RoomNotFound):
        services.find_open_workshop(workshop.room_code[:5])
    with pytest.raises(services.RoomNotFound):
        services.find_open_workshop(workshop.room_code + "A")


def test_two_open_workshops_cannot_share_a_code(workshop, other_facilitator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Workshop.objects.create(
            facilitator=other_facilitator, title="Copycat", room_code=workshop.room_code
        )


def test_a_closed_workshop_may_share_a_code_with_an_open_one(workshop, other_facilitator):
    closed = Workshop.objects.create(
        facilitator=other_facilitator,
        title="Last year's workshop",
        room_code=workshop.room_code,
        is_closed=True,
    )
    assert closed.room_code == workshop.room_code
    # The open room is the one the code finds.
    assert services.find_open_workshop(workshop.room_code) == workshop


def test_regenerate_gives_a_different_valid_code_and_the_old_one_stops_working(
    workshop, facilitator
):
    old_code = workshop.room_code
    services.regenerate_room_code(workshop, facilitator)
    workshop.refresh_from_db()
    assert workshop.room_code != old_code
    assert_valid_code(workshop.room_code)
    assert services.find_open_workshop(workshop.room_code) == workshop
    with pytest.raises(services.RoomNotFound):
        services.find_open_workshop(old_code)


def test_regenerate_view_gives_a_different_valid_code(facilitator_client, workshop):
    old_code = workshop.room_code
    response = facilitator_client.post(reverse("room_code_regenerate", args=[workshop.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop_detail", args=[workshop.pk])
    workshop.refresh_from_db()
    assert workshop.room_code != old_code
    assert_valid_code(workshop.room_code)
    with pytest.raises(services.RoomNotFound):
        services.find_open_workshop(old_code)
    page = facilitator_client.get(response["Location"])
    assert f"The new room code is {workshop.room_code}." in page.content.decode()


def test_only_the_facilitator_can_regenerate_the_code(workshop, other_facilitator):
    old_code = workshop.room_code
    with pytest.raises(services.NotAllowed):
        services.regenerate_room_code(workshop, other_facilitator)
    workshop.refresh_from_db()
    assert workshop.room_code == old_code


def test_a_closed_room_raises_room_closed_with_a_clear_message(workshop, facilitator):
    services.close_room(workshop, facilitator)
    with pytest.raises(services.RoomClosed) as raised:
        services.find_open_workshop(workshop.room_code.lower())
    assert str(raised.value) == "This room is closed. Ask the facilitator for the new code."


def test_reopen_keeps_the_code_when_it_is_still_free(workshop, facilitator):
    code = workshop.room_code
    services.close_room(workshop, facilitator)
    services.reopen_room(workshop, facilitator)
    workshop.refresh_from_db()
    assert not workshop.is_closed
    assert workshop.room_code == code
    assert services.find_open_workshop(code) == workshop


def test_reopen_gets_a_new_code_when_another_open_workshop_took_the_old_one(
    workshop, facilitator, other_workshop
):
    old_code = workshop.room_code
    services.close_room(workshop, facilitator)
    Workshop.objects.filter(pk=other_workshop.pk).update(room_code=old_code)

    services.reopen_room(workshop, facilitator)

    workshop.refresh_from_db()
    other_workshop.refresh_from_db()
    assert not workshop.is_closed
    assert workshop.room_code != old_code
    assert_valid_code(workshop.room_code)
    assert other_workshop.room_code == old_code
    assert services.find_open_workshop(old_code) == other_workshop
    assert services.find_open_workshop(workshop.room_code) == workshop


def test_reopen_view_shows_the_new_code(facilitator_client, workshop, facilitator, other_workshop):
    old_code = workshop.room_code
    services.close_room(workshop, facilitator)
    Workshop.objects.filter(pk=other_workshop.pk).update(room_code=old_code)

    response = facilitator_client.post(reverse("room_reopen", args=[workshop.pk]), follow=True)

    workshop.refresh_from_db()
    assert not workshop.is_closed
    assert workshop.room_code != old_code
    assert f"The room is open again with code {workshop.room_code}." in response.content.decode()
