"""What a screen reader or a keyboard meets on the facilitator's pages, read from the HTML."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.conftest import make_workshop
from workshops import services
from workshops.live import screens

pytestmark = pytest.mark.django_db


def ids(html: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def test_the_workshop_page_has_no_id_twice_and_each_title_label_finds_its_field(
    facilitator_client, workshop
):
    html = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    assert [name for name, count in ids(html).items() if count > 1] == []
    assert '<label for="id_title">Title</label>' in html
    assert '<label for="new-activity-title">Title</label>' in html
    assert re.search(r'<input[^>]*name="title"[^>]*id="new-activity-title"', html)


def test_adding_an_activity_still_posts_the_plain_field_names(facilitator_client, workshop):
    url = reverse("activity_add", args=[workshop.pk])
    facilitator_client.post(url, {"kind": "prompt", "title": "Stories", "prompt": ""})
    assert workshop.activities.last().title == "Stories"


def test_the_agenda_marks_the_boards_that_hide_notes_until_the_reveal(facilitator_client, workshop):
    boards = [a for a in workshop.activities.all() if a.is_board]
    hiding, open_board = boards[0], boards[1]
    hiding.hide_until_reveal = True
    hiding.save()
    open_board.hide_until_reveal = False
    open_board.save()
    html = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk])).content.decode()
    items = dict(
        re.findall(r'id="activity-(\d+)"(.*?)</li>\s*(?=<li class="agenda-item"|</ol>)', html, re.S)
    )
    assert "Notes hidden until the reveal" in items[str(hiding.pk)]
    assert "Notes hidden until the reveal" not in items[str(open_board.pk)]


@pytest.mark.parametrize(
    ("count", "words"), [(0, "0</strong> notes"), (1, "1</strong> note<"), (2, "2</strong> notes")]
)
def test_note_counts_say_note_or_notes(workshop, count, words):
    board = next(a for a in workshop.activities.all() if a.is_board)
    html = render_to_string(
        "workshops/board.html#board_count", {"board": board, "note_count": count}
    )
    assert words in html


def test_the_presenter_offers_to_skip_past_a_deck_and_names_every_step(facilitator, client):
    workshop = make_workshop(facilitator, template_slug="understand-customer-culture")
    client.force_login(facilitator)
    comparison = next(a for a in workshop.activities.all() if a.kind == "paradigm")
    services.goto_activity(workshop, facilitator, comparison.pk)
    html = client.get(reverse("present", args=[workshop.pk])).content.decode()
    assert 'value="activity.skip"' in html
    assert "Skip to next activity" in html
    # A step that is not current keeps its title in the page (hidden only from sight).
    for activity in workshop.activities.all():
        assert f'<span class="step__title">{activity.title}' in html.replace("&#x27;", "'")

    prompt = next(a for a in workshop.activities.all() if a.kind_spec.step is None)
    services.goto_activity(workshop, facilitator, prompt.pk)
    html = client.get(reverse("present", args=[workshop.pk])).content.decode()
    assert "Skip to next activity" not in html


def test_a_phone_leaving_a_board_for_the_comparison_keeps_no_votes_pill(facilitator):
    workshop = make_workshop(facilitator, template_slug="understand-customer-culture")
    amira = services.join_room(workshop.room_code, "Amira", services.new_device_key())
    comparison = next(a for a in workshop.activities.all() if a.kind == "paradigm")
    sent = screens.personal(comparison, amira)
    assert sent.startswith('<div id="me" class="me"></div>')
    assert "rating.set" in sent
