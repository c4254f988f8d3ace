"""The paradigm comparison over the room socket: phones rate, the projector's chart follows,
and the facilitator moves every screen through the dimensions."""

from __future__ import annotations

import re

import pytest
from channels.db import database_sync_to_async

from tests.conftest import make_participant, make_workshop
from workshops import services
from workshops.models import Activity, Participant, Rating, Workshop, WorkshopDimension

from .helpers import (
    RoomSockets,
    everything_so_far,
    frames_until,
    receive_until,
    refused,
    send_action,
)

# Serialized rollback: a transactional test empties the database afterwards, and the next one
# still needs the workshop templates and the dimension library the data migrations wrote.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ONLY_THE_FACILITATOR = "Only the facilitator of this workshop can do that."
NOT_IN_THE_COMPARISON = "That dimension is not in this comparison."
TODAY_OFF_SCALE = "Pick where we are today on the scale from 1 to 7."
TARGET_OFF_SCALE = "Pick where we want to be on the scale from 1 to 7."


# The cast's rooms run "Understand customer culture" and are on the paradigm comparison.


def on_the_comparison(workshop: Workshop) -> Activity:
    activity = workshop.activities.get(kind="paradigm")
    services.goto_activity(workshop, workshop.facilitator, activity.pk)
    workshop.refresh_from_db()
    return activity


@pytest.fixture
def workshop(facilitator) -> Workshop:
    return make_workshop(
        facilitator, template_slug="understand-customer-culture", title="Customer culture at Acme"
    )


@pytest.fixture
def other_workshop(other_facilitator) -> Workshop:
    return make_workshop(
        other_facilitator, template_slug="understand-customer-culture", title="Someone else's"
    )


@pytest.fixture
def paradigm(workshop) -> Activity:
    return on_the_comparison(workshop)


@pytest.fixture
def dimensions(paradigm) -> list[WorkshopDimension]:
    return list(paradigm.dimensions.order_by("position"))


@pytest.fixture
def bruno(workshop) -> Participant:
    return make_participant(workshop, "Bruno")


async def in_db(function, *args, **kwargs):
    return await database_sync_to_async(function)(*args, **kwargs)


def ratings() -> list[tuple[int, int, int, int]]:
    return list(
        Rating.objects.order_by("dimension", "participant").values_list(
            "dimension_id", "participant_id", "today", "target"
        )
    )


def current_dimension_id(activity: Activity) -> int | None:
    return Activity.objects.values_list("current_dimension_id", flat=True).get(pk=activity.pk)


def text_of(html: str) -> str:
    """What a person reads: tags stripped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rating_form(dimension: WorkshopDimension) -> str:
    """Only a phone's own rating control carries this hidden field."""
    return f'name="dimension" value="{dimension.pk}"'


async def send_rating(phone, dimension: WorkshopDimension, today, target, **extra) -> None:
    fields = {
        "activity": str(dimension.activity_id),
        "dimension": str(dimension.pk),
        "today": str(today),
        "target": str(target),
        **extra,
    }
    await send_action(phone, "rating.set", **fields)


# Snapshots ---------------------------------------------------------------------------------


async def test_a_phones_snapshot_on_the_comparison_has_its_rating_control(
    workshop, participant, dimensions
):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        _phone, snapshot = await sockets.participant(participant)

    assert f'data-activity="{first.activity_id}"' in snapshot
    assert "Purpose and strategy" in snapshot
    assert f'id="my-rating-{first.pk}"' in snapshot
    assert rating_form(first) in snapshot
    assert 'value="rating.set"' in snapshot
    assert "<legend>Where we are today</legend>" in snapshot
    assert "<legend>Where we must be in two years</legend>" in snapshot
    assert "Save my rating" in snapshot
    # The facilitator's chart is not on a phone.
    assert f'id="chart-{first.pk}"' not in snapshot


async def test_a_phone_that_rated_finds_its_rating_again_after_reconnecting(
    workshop, participant, dimensions
):
    first = dimensions[0]
    await in_db(
        services.set_rating,
        workshop,
        participant=participant,
        activity_id=None,
        dimension_id=first.pk,
        today=4,
        target=6,
    )
    async with RoomSockets() as sockets:
        _phone, snapshot = await sockets.participant(participant)

    assert "Saved: today 4, target 6" in snapshot
    assert "Update my rating" in snapshot


async def test_the_presenters_snapshot_has_the_chart_of_the_dimension_on_screen(
    facilitator, workshop, dimensions
):
    async with RoomSockets() as sockets:
        _presenter, snapshot = await sockets.facilitator(facilitator, workshop)

    assert f'id="chart-{dimensions[0].pk}"' in snapshot
    assert "Waiting for the first rating" in snapshot
    assert 'value="rating.set"' not in snapshot


# Rating ------------------------------------------------------------------------------------


async def test_a_rating_updates_the_presenters_chart_and_comes_back_to_the_sender(
    facilitator, workshop, participant, bruno, dimensions
):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_rating(amira, first, 2, 6)

        chart = await receive_until(presenter, f'id="chart-{first.pk}"')
        mine = await receive_until(amira, f'id="my-rating-{first.pk}"')
        presenter_after, amira_after, bruno_after = await everything_so_far(
            presenter, amira, bruno_phone
        )

    assert "1 rating · today 2.0 · target 6.0 · gap 4.0 · spread 0.0" in text_of(chart)
    assert chart.lstrip().startswith(f'<figure id="chart-{first.pk}"')
    assert "Saved: today 2, target 6" in mine
    assert "Update my rating" in mine
    assert 'name="today" value="2" checked' in mine
    assert 'name="target" value="6" checked' in mine
    # Nobody else hears about one person's rating; the presenter heard it once.
    for frame in bruno_after + amira_after:
        assert f'id="chart-{first.pk}"' not in frame
        assert "Saved:" not in frame
    assert not any(f'id="chart-{first.pk}"' in frame for frame in presenter_after)
    assert await in_db(ratings) == [(first.pk, participant.pk, 2, 6)]


async def test_a_second_phone_makes_it_two_ratings(
    facilitator, workshop, participant, bruno, dimensions
):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_rating(amira, first, 2, 6)
        await receive_until(presenter, f'id="chart-{first.pk}"')
        await send_rating(bruno_phone, first, 4, 7)

        chart = await receive_until(presenter, f'id="chart-{first.pk}"')
        mine = await receive_until(bruno_phone, f'id="my-rating-{first.pk}"')

    assert "2 ratings · today 3.0 · target 6.5 · gap 3.5 · spread 1.0" in text_of(chart)
    assert "Saved: today 4, target 7" in mine
    assert await in_db(ratings) == [
        (first.pk, participant.pk, 2, 6),
        (first.pk, bruno.pk, 4, 7),
    ]


async def test_rating_again_replaces_the_earlier_rating(
    facilitator, workshop, participant, bruno, dimensions
):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        await send_rating(amira, first, 2, 6)
        await receive_until(presenter, f'id="chart-{first.pk}"')
        await send_rating(bruno_phone, first, 4, 7)
        await receive_until(presenter, f'id="chart-{first.pk}"', "2 ratings")

        await send_rating(amira, first, 6, 7)

        chart = await receive_until(presenter, f'id="chart-{first.pk}"', "Today averages 5.0")
        mine = await receive_until(amira, f'id="my-rating-{first.pk}"', "today 6")

    assert "2 ratings · today 5.0 · target 7.0 · gap 2.0" in text_of(chart)
    assert "Saved: today 6, target 7" in mine
    assert mine.count("checked") == 2
    assert await in_db(ratings) == [
        (first.pk, participant.pk, 6, 7),
        (first.pk, bruno.pk, 4, 7),
    ]


BAD_RATINGS = {
    "today-0": ({"today": "0", "target": "6"}, TODAY_OFF_SCALE),
    "today-8": ({"today": "8", "target": "6"}, TODAY_OFF_SCALE),
    "target-8": ({"today": "3", "target": "8"}, TARGET_OFF_SCALE),
    "today-not-a-number": ({"today": "x", "target": "6"}, TODAY_OFF_SCALE),
    "today-a-fraction": ({"today": "2.5", "target": "6"}, TODAY_OFF_SCALE),
    "today-a-list": ({"today": ["3"], "target": "6"}, TODAY_OFF_SCALE),
    "target-missing": ({"today": "3"}, TARGET_OFF_SCALE),
    "target-empty": ({"today": "3", "target": ""}, TARGET_OFF_SCALE),
}


@pytest.mark.parametrize(("values", "message"), BAD_RATINGS.values(), ids=BAD_RATINGS.keys())
async def test_a_rating_off_the_scale_is_refused_and_changes_nothing(
    facilitator, workshop, participant, dimensions, values, message
):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        await send_action(
            amira, "rating.set", activity=str(first.activity_id), dimension=str(first.pk), **values
        )

        error = await refused(amira, message)
        (presenter_after,) = await everything_so_far(presenter)

    assert f'id="my-rating-{first.pk}"' not in error
    assert not any(f'id="chart-{first.pk}"' in frame for frame in presenter_after)
    assert await in_db(ratings) == []


async def test_a_rating_of_an_unknown_dimension_is_refused(
    facilitator, workshop, participant, dimensions
):
    missing = dimensions[-1].pk + 1000
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        await send_action(
            amira,
            "rating.set",
            activity=str(dimensions[0].activity_id),
            dimension=str(missing),
            today="3",
            target="6",
        )
        await refused(amira, NOT_IN_THE_COMPARISON)
        await send_action(amira, "rating.set", today="3", target="6")
        await refused(amira, "Which dimension? Reload the page and try again.")
        (presenter_after,) = await everything_so_far(presenter)

    assert not any('class="chart"' in frame for frame in presenter_after)
    assert await in_db(ratings) == []


async def test_a_rating_of_another_rooms_dimension_is_refused(
    workshop, participant, dimensions, other_workshop
):
    foreign_paradigm = await in_db(on_the_comparison, other_workshop)
    foreign = await in_db(lambda: foreign_paradigm.dimensions.first())
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)

        await send_rating(amira, foreign, 3, 6)
        await refused(amira, "That paradigm comparison is not part of this workshop.")
        await send_rating(amira, foreign, 3, 6, activity=str(dimensions[0].activity_id))
        await refused(amira, NOT_IN_THE_COMPARISON)

    assert await in_db(ratings) == []


async def test_the_facilitator_cannot_rate(facilitator, workshop, dimensions):
    first = dimensions[0]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)

        await send_rating(presenter, first, 3, 6)

        await refused(presenter, "Ratings are for participants.")
    assert await in_db(ratings) == []


# Moving through the deck ----------------------------------------------------------------------


async def test_a_participant_cannot_go_to_a_dimension(
    facilitator, workshop, participant, bruno, paradigm, dimensions
):
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)

        await send_action(amira, "dimension.goto", dimension=str(dimensions[4].pk))

        await refused(amira, ONLY_THE_FACILITATOR)
        presenter_after, bruno_after = await everything_so_far(presenter, bruno_phone)

    assert not any('id="stage"' in frame for frame in presenter_after + bruno_after)
    assert await in_db(current_dimension_id, paradigm) == dimensions[0].pk


async def test_a_participant_cannot_step_the_deck(workshop, participant, paradigm, dimensions):
    async with RoomSockets() as sockets:
        amira, _ = await sockets.participant(participant)

        await send_action(amira, "activity.next")

        await refused(amira, ONLY_THE_FACILITATOR)
    assert await in_db(current_dimension_id, paradigm) == dimensions[0].pk


async def test_the_facilitator_moves_every_phone_to_another_dimension(
    facilitator, workshop, participant, bruno, paradigm, dimensions
):
    target = dimensions[4]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        phones = [
            (await sockets.participant(participant))[0],
            (await sockets.participant(bruno))[0],
        ]

        await send_action(presenter, "dimension.goto", dimension=str(target.pk))

        slide = await receive_until(presenter, 'id="stage"', target.name)
        for phone in phones:
            frames = await frames_until(phone, rating_form(target))
            stage = next(i for i, frame in enumerate(frames) if 'id="stage"' in frame)
            # First the shared stage, then the phone's own rating control for the new slide.
            assert target.name in frames[stage]
            assert target.customer_centred in frames[stage]
            assert stage < len(frames) - 1
            assert "Save my rating" in frames[-1]

    assert f"5 of {len(dimensions)}" in slide
    assert f'id="chart-{target.pk}"' in slide
    assert await in_db(current_dimension_id, paradigm) == target.pk


async def test_the_facilitator_cannot_go_to_another_rooms_dimension(
    facilitator, workshop, paradigm, dimensions, other_workshop
):
    foreign = await in_db(
        lambda: WorkshopDimension.objects.filter(activity__workshop=other_workshop).first()
    )
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)

        await send_action(presenter, "dimension.goto", dimension=str(foreign.pk))

        await refused(presenter, NOT_IN_THE_COMPARISON)
    assert await in_db(current_dimension_id, paradigm) == dimensions[0].pk


async def test_next_and_previous_step_every_phone_through_the_dimensions(
    facilitator, workshop, participant, bruno, paradigm, dimensions
):
    first, second = dimensions[:2]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        bruno_phone, _ = await sockets.participant(bruno)
        # Amira rated the first dimension before the deck moves on.
        await send_rating(amira, first, 3, 5)
        await receive_until(amira, "Saved: today 3, target 5")

        await send_action(presenter, "activity.next")

        await receive_until(presenter, 'id="stage"', second.name)
        for phone in (amira, bruno_phone):
            await receive_until(phone, 'id="stage"', second.name)
            control = await receive_until(phone, rating_form(second))
            assert "Save my rating" in control
        assert await in_db(current_dimension_id, paradigm) == second.pk

        await send_action(presenter, "activity.previous")

        for phone in (amira, bruno_phone):
            await receive_until(phone, 'id="stage"', first.name)
        # Back on the first slide, each phone gets its own rating back.
        assert "Saved: today 3, target 5" in await receive_until(amira, rating_form(first))
        assert "Save my rating" in await receive_until(bruno_phone, rating_form(first))
    assert await in_db(current_dimension_id, paradigm) == first.pk


async def test_next_on_the_last_dimension_moves_every_phone_on_to_the_package_then_the_gaps(
    facilitator, workshop, participant, paradigm, dimensions
):
    await in_db(services.goto_dimension, workshop, facilitator, dimensions[-1].pk)
    await in_db(
        services.set_rating,
        workshop,
        participant=participant,
        activity_id=None,
        dimension_id=dimensions[-1].pk,
        today=2,
        target=6,
    )
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        await send_action(presenter, "activity.next")
        await receive_until(presenter, 'id="stage"', "The full package")
        package = await receive_until(amira, 'id="stage"', "The full package")
        assert dimensions[-1].customer_centred[:30] in package.replace("&#x27;", "'")
        await send_action(presenter, "activity.next")

        slide = await receive_until(presenter, 'id="stage"', "Where the gaps are")
        phone = await receive_until(amira, 'id="stage"', "Where the gaps are")

    for frame in (slide, phone):
        assert "Biggest gaps" in frame
        assert dimensions[-1].name in frame
    assert "rating.set" not in phone


async def test_skip_leaves_the_comparison_from_its_first_dimension_and_a_phone_may_not(
    facilitator, workshop, participant, paradigm, dimensions
):
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)

        await send_action(amira, "activity.skip")
        await refused(amira, ONLY_THE_FACILITATOR)
        assert await in_db(current_dimension_id, paradigm) == dimensions[0].pk

        await send_action(presenter, "activity.skip")
        await receive_until(presenter, 'id="stage"', "The full package")
        await receive_until(amira, 'id="stage"', "The full package")
    # The comparison's own place is kept: going back returns to the dimension it was on.
    assert await in_db(current_dimension_id, paradigm) == dimensions[0].pk


async def test_a_rating_for_the_slide_on_screen_reaches_the_chart_after_moving_on(
    facilitator, workshop, participant, paradigm, dimensions
):
    third = dimensions[2]
    async with RoomSockets() as sockets:
        presenter, _ = await sockets.facilitator(facilitator, workshop)
        amira, _ = await sockets.participant(participant)
        await send_action(presenter, "dimension.goto", dimension=str(third.pk))
        await receive_until(amira, rating_form(third))

        await send_rating(amira, third, 1, 7)

        chart = await receive_until(
            presenter, f'id="chart-{third.pk}"', "<strong>1</strong> rating"
        )
    assert "1 rating · today 1.0 · target 7.0 · gap 6.0" in text_of(chart)
