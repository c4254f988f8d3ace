"""Broadcasts in every language: each screen gets the room's changes in its own language.

The language switch names the other language, so it renders differently in each language
whatever the catalogue holds: "Nederlands" on an English screen, "English" on a Dutch one.
"""

from __future__ import annotations

import pickle

from django.utils import translation

from workshops.live import rendering
from workshops.live.updates import RoomUpdate

SWITCH = "includes/language_switch.html"


def _switch(rf):
    return {"request": rf.get("/room/")}


def test_a_fragment_renders_again_in_every_language(rf):
    with translation.override("en"):
        fragment = rendering.render_fragment(SWITCH, _switch(rf))
    assert ">Nederlands<" in fragment
    joined = "<p>before</p>" + fragment + "<p>after</p>"
    assert isinstance(joined, rendering.Fragment)
    html = rendering.in_every_language(joined)
    assert set(html) == {"en", "nl"}
    assert html["en"] == str(joined)
    assert html["nl"].startswith("<p>before</p>") and html["nl"].endswith("<p>after</p>")
    assert ">English<" in html["nl"] and "Nederlands" not in html["nl"]


def test_plain_text_goes_to_every_screen_as_it_is():
    assert rendering.in_every_language("<p>same</p>") == "<p>same</p>"
    assert rendering.for_language("<p>same</p>", "nl") == "<p>same</p>"


def test_an_update_is_localised_once_and_each_screen_takes_its_own(rf):
    with translation.override("nl"):
        update = RoomUpdate(1, phones=rendering.render_fragment(SWITCH, _switch(rf)))
        update.localise()
    assert update.localised
    (group, event), *_ = update.events()
    assert group == "room-1-phones"
    assert ">English<" in rendering.for_language(event["html"], "nl")
    assert ">Nederlands<" in rendering.for_language(event["html"], "en")
    # Not rendered a second time: a localised update is left as it is.
    before = dict(update.phones)
    update.localise()
    assert update.phones == before


def test_coalesced_broadcasts_join_language_by_language():
    first = {"en": "<a>one</a>", "nl": "<a>een</a>"}
    assert rendering.joined(first, "<b>2</b>") == {
        "en": "<a>one</a><b>2</b>",
        "nl": "<a>een</a><b>2</b>",
    }
    assert rendering.joined("<a>1</a>", "<b>2</b>") == "<a>1</a><b>2</b>"


def test_a_stored_fragment_is_plain_text(rf):
    fragment = rendering.render_fragment(SWITCH, _switch(rf))
    stored = pickle.loads(pickle.dumps(fragment))
    assert type(stored) is str and stored == fragment
