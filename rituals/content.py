"""The two explainer decks of the rituals workshop, as plain data.

A later data migration copies them into the "explainer slides" activity kind's templates, where
facilitators edit them in the admin. Each slide is a dict with a heading, a body for the
screen, and speaker notes for the facilitator only (never sent to a phone).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

WHAT_CULTURE_IS = {
    "slug": "what-culture-is",
    "title": gettext_noop("What culture is"),
    "slides": [
        {
            "heading": gettext_noop("Culture is what we do when nobody is checking"),
            "body": gettext_noop(
                "Every organisation has a culture, whether it chose one or not. It shows in "
                "small, everyday choices: who gets called back first, what is said in meetings, "
                "what is quietly ignored."
            ),
            "speaker_notes": gettext_noop(
                "Open with a question to the room: what would a new colleague "
                "notice in their first week here that nobody wrote down? Take two or three answers "
                "and point out that none of them are in a policy."
            ),
        },
        {
            "heading": gettext_noop("Two layers: norms and values"),
            "body": gettext_noop(
                "Norms are “the way we do things around here”: the habits you can see. "
                "Values are the shared beliefs underneath, mostly unspoken, that make those habits "
                "feel normal."
            ),
            "speaker_notes": gettext_noop(
                "Use one example from the room to show both layers: the norm "
                "(“we always start with the budget”) and the belief behind it (“cost control is "
                "what keeps us safe”). Keep it light; nobody is being judged."
            ),
        },
        {
            "heading": gettext_noop("Values drive norms, but you cannot see them"),
            "body": gettext_noop(
                "Our beliefs shape how we behave. Yet nobody can point at a value, change "
                "it by decree or check that it has changed. Posters of values rarely change "
                "anything."
            ),
            "speaker_notes": gettext_noop(
                "Ask who has seen a values poster that made no difference. Most "
                "hands go up. That is the point: working on values directly is slow and hard to "
                "measure."
            ),
        },
        {
            "heading": gettext_noop("So change starts with norms"),
            "body": gettext_noop(
                "When people start acting differently, their thinking follows. New, "
                "repeated behaviour (a ritual) makes a new belief feel normal over time."
            ),
            "speaker_notes": gettext_noop(
                "This is the bridge to the rest of the afternoon: we will look at "
                "our norms today, then design rituals that practise the norms we want. Behaviour "
                "first, beliefs follow."
            ),
        },
    ],
}

FOUR_PILLARS = {
    "slug": "four-pillars",
    "title": gettext_noop("The four pillars of a customer culture"),
    "slides": [
        {
            "heading": gettext_noop("Four pillars hold up a customer culture"),
            "body": gettext_noop(
                "Sharing customer stories. Listening to customers. A shared responsibility "
                "for doing the best for them. A way of working that starts and ends with the "
                "customer."
            ),
            "speaker_notes": gettext_noop(
                "Give the overview in one breath, then take each pillar in turn. "
                "Ask the room to keep one question in mind: which pillar is strongest here, and "
                "which is weakest?"
            ),
        },
        {
            "heading": gettext_noop("Stories and listening"),
            "body": gettext_noop(
                "Real customers, told by name, keep everyone's attention on the people the "
                "work is for. And everyone, from the front line to the board, hears customers "
                "first hand, as often as possible."
            ),
            "speaker_notes": gettext_noop(
                "Contrast a dashboard average with one customer's story: which do "
                "people remember a week later? Then ask when each person last heard a customer "
                "directly, not through a report."
            ),
        },
        {
            "heading": gettext_noop("A responsibility everyone shares, and one leader owns"),
            "body": gettext_noop(
                "Doing the best for customers is everyone's job, not only customer "
                "service's. One C-level function owns it as well, so it has a voice, a budget and "
                "a seat where decisions are made."
            ),
            "speaker_notes": gettext_noop(
                "If the room asks why shared responsibility still needs one owner: "
                "what everyone owns, nobody defends when priorities clash. The owner keeps the "
                "customer on the agenda; they do not do the work alone."
            ),
        },
        {
            "heading": gettext_noop("A way of working that starts and ends with the customer"),
            "body": gettext_noop(
                "Design thinking as the everyday method: understand customers, define their "
                "problem, ideate, prototype and test with them. Customer goals and metrics are "
                "where each piece of work starts and how it is judged at the end."
            ),
            "speaker_notes": gettext_noop(
                "Ask for one recent project: did it start from a customer goal? "
                "Was it judged by a customer metric when it ended? Most rooms find the honest "
                "answer is “not quite”, which is why this pillar comes last today."
            ),
        },
    ],
}

EXPLAINERS = [WHAT_CULTURE_IS, FOUR_PILLARS]
