"""What the core's kinds hand to the culture program (``program_inputs``)."""

from __future__ import annotations

import pytest

from tests.conftest import make_workshop
from workshops import kinds, services


@pytest.fixture
def morning(facilitator):
    return make_workshop(facilitator, template_slug="understand-customer-culture")


def test_the_vision_board_hands_over_its_notes_most_voted_first(morning, facilitator):
    vision = morning.activities.get(kind="vision")
    amira = services.join_room(morning.room_code, "Amira", services.new_device_key())
    column = vision.columns.first()
    for index, text in enumerate(["Customers co-design our products", "We call every churner"]):
        services.add_note(
            morning,
            participant=amira,
            activity_id=vision.pk,
            column_id=column.pk,
            text=text,
            client_id=f"vision-{index}",
        )
    services.reveal_board(morning, facilitator, vision.pk)
    second = vision.notes.get(text="We call every churner")
    services.vote(morning, participant=amira, note_id=second.pk)

    inputs = kinds.get("vision").program_inputs(morning, [vision])

    assert [item["text"] for item in inputs["vision"]] == [
        "We call every churner",
        "Customers co-design our products",
    ]
    assert inputs["vision"][0] == {
        "text": "We call every churner",
        "picture_url": "",
        "votes": 1,
        "kind": "note",
    }


def test_the_comparison_hands_over_its_gaps_with_their_pillars(morning):
    paradigm = morning.activities.get(kind="paradigm")
    amira = services.join_room(morning.room_code, "Amira", services.new_device_key())
    dimension = paradigm.dimensions.first()
    services.set_rating(
        morning,
        participant=amira,
        activity_id=paradigm.pk,
        dimension_id=dimension.pk,
        today=2,
        target=6,
    )

    gaps = kinds.get("paradigm").program_inputs(morning, [paradigm])["gaps"]

    rated = next(item for item in gaps if item["name"] == dimension.name)
    assert (rated["pillar"], rated["today"], rated["target"], rated["gap"], rated["n"]) == (
        dimension.pillar,
        2,
        6,
        4,
        1,
    )
