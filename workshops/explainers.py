"""Explainer decks as plain data, for the "explainer slides" activity kind to show.

Each deck is a list of slides, each {"heading", "body", "speaker_notes"}: the heading and body go
on the projector, the speaker notes only to the facilitator. Bodies are short paragraphs
separated by blank lines; keep them readable from the back of a boardroom.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

Slide = dict[str, str]

PARADIGM_EXPLAINER: list[Slide] = [
    {
        "heading": gettext_noop("Culture is the way we do things around here"),
        "body": gettext_noop(
            "A culture is the set of norms and values a group shares: what people do without "
            "being told, and what they expect of each other.\n\n"
            "A paradigm is the picture of the world underneath it: the assumptions about what "
            "makes the organisation succeed. Strategy, structure, systems and rewards are all "
            "built on it."
        ),
        "speaker_notes": gettext_noop(
            "Keep this short and concrete. Ask the room for one norm nobody wrote down, such as "
            "who speaks first in a meeting or what happens when a customer asks for an "
            "exception. The point: culture shows in behaviour, and behaviour follows the "
            "paradigm the organisation was built on."
        ),
    },
    {
        "heading": gettext_noop("Two paradigms, both coherent"),
        "body": gettext_noop(
            "Product-centred: we make excellent products efficiently and find customers for "
            "them. Success is volume, margin and cost under control.\n\n"
            "Customer-centred: we start from what customers are trying to achieve and organise "
            "around it. Success is customers who stay, buy more and recommend us."
        ),
        "speaker_notes": gettext_noop(
            "Be fair to the product-centred paradigm: it built most successful companies, and "
            "it is rational on its own terms. Nobody in the room is being accused of anything. "
            "The question today is which paradigm fits the market we are in now, and whether "
            "our systems agree with what we say."
        ),
    },
    {
        "heading": gettext_noop("Why the move usually stalls"),
        "body": gettext_noop(
            "Leaders say “customer first”. Meanwhile systems, processes, policies, "
            "procedures and rewards still pay for sales and cost cutting.\n\n"
            "People get mixed messages. They do what feels safe: what they have always "
            "done, because that is what is measured and rewarded."
        ),
        "speaker_notes": gettext_noop(
            "This is the heart of the morning. People are not resisting; they are reading the "
            "signals correctly. When the bonus, the dashboard and the budget say one thing and "
            "the speech says another, the bonus wins. Invite one example from the room, and "
            "say that the mixed-signals exercise later will collect more."
        ),
    },
    {
        "heading": gettext_noop("Two misconceptions to put aside"),
        "body": gettext_noop(
            "Being nice to customers is not being customer-centred. Friendly service on top of "
            "processes built for our convenience is still product-centred.\n\n"
            "A few HR programmes do not change a culture. Training, values posters and an "
            "award scheme sit on top of an organisation whose systems pull the other way."
        ),
        "speaker_notes": gettext_noop(
            "Name both out loud: most leadership teams hold at least one of them, and it is "
            "easier to hear from the facilitator than to discover in the ratings. Customer-"
            "centred means the customer's goals shape decisions, structures and measures, not "
            "only the tone of voice at the counter."
        ),
    },
    {
        "heading": gettext_noop("How the parts reinforce each other"),
        "body": gettext_noop(
            "Strategy sets the targets. Targets set the metrics. Metrics drive bonuses and "
            "appraisals. Budgets follow the targets. Processes are tuned to the metrics.\n\n"
            "Each part makes the others look right. That is why one programme cannot win "
            "against rewards, metrics and budget rules that pull the other way: the package "
            "has to move together."
        ),
        "speaker_notes": gettext_noop(
            "Show the full-package slide next to this one if you can. Trace one chain with the "
            "room: a customer-friendly training course, then the call-handling target it meets "
            "on Monday. Ask which link in our own chain would snap back first. This sets up the "
            "rating: we look at every dimension because they hold each other in place."
        ),
    },
    {
        "heading": gettext_noop("What we do this morning"),
        "body": gettext_noop(
            "Look at both paradigms dimension by dimension, as a full package.\n\n"
            "Rate where we are today and where we must be in two years to keep our customers.\n\n"
            "Name the mixed signals, then picture where we want to be."
        ),
        "speaker_notes": gettext_noop(
            "Explain the target before anyone rates: not perfection, but what keeping our "
            "customers will demand in two years. A room that answers 7 everywhere has not yet "
            "made a choice. Ratings are anonymous on the screen; disagreement is useful, so "
            "nobody needs to agree with their manager."
        ),
    },
]

DECKS: dict[str, list[Slide]] = {"paradigm": PARADIGM_EXPLAINER}
