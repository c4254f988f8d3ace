"""The program in Dutch: the report, the calendar file and the client's page speak the workshop's
language; the builder and the results page speak the facilitator's browser's."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from culture_program import cadence, report, services
from culture_program.cadence import Rule

from .helpers import pdf_text


def url(name: str, workshop, *args) -> str:
    return reverse(name, args=[workshop.pk, *args])


@pytest.fixture
def dutch_workshop(results_workshop):
    results_workshop.language = "nl"
    results_workshop.save(update_fields=["language"])
    return results_workshop


@pytest.fixture
def dutch_program(dutch_workshop, facilitator):
    return services.create_program(dutch_workshop, facilitator)


def flat(text: str) -> str:
    """pdftotext's layout, one space between words (headings may wrap)."""
    return " ".join(text.split())


# The report -----------------------------------------------------------------------------------


def test_a_dutch_workshops_report_is_dutch_whatever_the_browser_says(dutch_program):
    with translation.override("en"):  # the facilitator's browser
        text = flat(pdf_text(report.render_pdf(dutch_program)))
    assert "Managementsamenvatting" in text
    assert "Waar de cultuur staat: de kloven per dimensie" in text
    assert "Het jaar in één oogopslag" in text
    assert "Mijlpalen en evaluaties" in text
    assert "1 januari 2027 tot en met 31 december 2027" in text  # the cover's program dates
    assert "Executive summary" not in text and "January" not in text


def test_an_english_workshops_report_is_english_whatever_the_browser_says(
    results_workshop, facilitator
):
    program = services.create_program(results_workshop, facilitator)
    with translation.override("nl"):
        text = flat(pdf_text(report.render_pdf(program)))
    assert "Executive summary" in text
    assert "The year at a glance" in text
    assert "1 January 2027 to 31 December 2027" in text
    assert "Managementsamenvatting" not in text and "januari" not in text


def test_the_report_says_its_language(dutch_program):
    with translation.override("en"):
        html = report.render_html(dutch_program)
    assert '<html lang="nl">' in html
    assert '"Pagina " counter(page) " van " counter(pages)' in html  # the page numbers


def test_the_dutch_gap_chart_keeps_decimal_points(dutch_program):
    """Dutch writes 2,1; the SVG's coordinates must stay 2.1 or the chart draws nothing."""
    html = report.render_html(dutch_program)
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'cx="\d+\.\d+"', chart)
    assert not re.search(r'="-?\d+,\d+"', chart)
    assert "2,1" in html[html.index("</svg>") :]  # the table below speaks Dutch


def test_a_dutch_program_starts_with_a_dutch_summary_and_reviews(dutch_program):
    summary = dutch_program.executive_summary
    assert "In de workshop “Customer rituals at Acme” op 3 december 2026" in summary
    assert "Rewards (vandaag 2,8, doel 5,9)" in summary  # Dutch decimals
    assert "Customer story minute (elke dinsdag)" in summary
    assert "Het programma rust op 3 klantrituelen" in summary
    assert [m.name for m in dutch_program.milestones.all()] == [
        "Evaluatie na 30 dagen",
        "Evaluatie na 90 dagen",
        "Evaluatie na 180 dagen",
        "Evaluatie na één jaar",
    ]


# The calendar file ----------------------------------------------------------------------------


def test_a_dutch_workshops_calendar_is_dutch(facilitator_client, dutch_program, dutch_workshop):
    response = facilitator_client.get(url("program_ics", dutch_workshop), HTTP_ACCEPT_LANGUAGE="en")
    parsed = Calendar.from_ical(response.content)
    assert str(parsed["x-wr-calname"]) == "Cultuurprogramma · Acme Insurance"
    summaries = [str(event["summary"]) for event in parsed.walk("VEVENT")]
    assert "Evaluatie na 90 dagen" in summaries
    story = next(e for e in parsed.walk("VEVENT") if str(e["summary"]) == "Customer story minute")
    description = str(story["description"])
    assert description.startswith("Elke dinsdag")
    assert "Eigenaar: Head of Service" in description
    assert "We weten dat het werkt als: Stories come from every department" in description
    assert [str(c) for c in story["categories"].cats] == ["Klantverhalen delen"]


def test_an_english_program_keeps_english_reviews_in_a_dutch_calendar(
    results_workshop, facilitator
):
    """Reviews made in English read in Dutch once the workshop is switched to Dutch."""
    program = services.create_program(results_workshop, facilitator)
    results_workshop.language = "nl"
    results_workshop.save(update_fields=["language"])
    from culture_program import ics

    parsed = Calendar.from_ical(ics.program_calendar(program))
    summaries = [str(event["summary"]) for event in parsed.walk("VEVENT")]
    assert "Evaluatie na één jaar" in summaries


# Pages ----------------------------------------------------------------------------------------


def test_the_results_page_follows_the_browser(facilitator_client, results_workshop):
    response = facilitator_client.get(
        url("workshop_results", results_workshop), HTTP_ACCEPT_LANGUAGE="nl"
    )
    html = response.content.decode()
    assert "<h1>Resultaten</h1>" in html
    assert "Notities downloaden (CSV)" in html
    assert '<html lang="nl">' in html


def test_the_builder_follows_the_browser_not_the_workshop(facilitator_client, program_en):
    response = facilitator_client.get(
        url("program_builder", program_en.workshop), HTTP_ACCEPT_LANGUAGE="nl"
    )
    html = response.content.decode()
    assert "Het jaar in één oogopslag" in html
    assert "Ritueel toevoegen" in html
    assert "Elke dinsdag vanaf 12 jan 2027" in html  # the ritual's cadence and first date


def test_a_dutch_builder_message(facilitator_client, program_en):
    workshop = program_en.workshop
    milestone = program_en.milestones.first()
    response = facilitator_client.post(
        url("program_part_remove", workshop, "milestones", milestone.pk),
        HTTP_ACCEPT_LANGUAGE="nl",
        HTTP_HX_REQUEST="true",
    )
    assert f"Mijlpaal “{milestone.name}” verwijderd." in response.content.decode()


def test_the_shared_page_follows_the_workshop(client, facilitator, dutch_program):
    link = services.create_share_link(dutch_program, facilitator)
    response = client.get(reverse("shared_program", args=[link.token]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert response["Content-Language"] == "nl"
    assert "Managementsamenvatting" in html
    assert "Twaalf maanden, van 1 januari 2027 tot en met 31 december 2027" in html
    assert "Klantverhalen delen" in html  # a pillar


@pytest.fixture
def program_en(results_workshop, facilitator):
    return services.create_program(results_workshop, facilitator)


# Words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (Rule(cadence.DAILY, dt.date(2027, 1, 4)), "Elke werkdag"),
        (Rule(cadence.WEEKLY, dt.date(2027, 1, 12)), "Elke dinsdag"),
        (Rule(cadence.FORTNIGHTLY, dt.date(2027, 1, 15)), "Om de twee weken op vrijdag"),
        (Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 12)), "Maandelijks op de 2e dinsdag"),
        (Rule(cadence.MONTHLY_WEEKDAY, dt.date(2027, 1, 29)), "Maandelijks op de laatste vrijdag"),
        (Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 1)), "Maandelijks op de 1e"),
        (Rule(cadence.MONTHLY_DAY, dt.date(2027, 1, 30)), "Maandelijks op de laatste dag"),
        (
            Rule(cadence.QUARTERLY, dt.date(2027, 2, 12)),
            "Per kwartaal op de 12e (feb, mei, aug, nov)",
        ),
        (Rule(cadence.YEARLY, dt.date(2027, 3, 14)), "Jaarlijks op 14 maart"),
    ],
)
def test_a_cadence_in_dutch_words(rule, words):
    with translation.override("nl"):
        assert cadence.describe(rule) == words


def test_english_ordinals_keep_their_suffixes():
    assert [cadence.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
    ]


def test_a_refusal_in_dutch_names_dutch_dates():
    with (
        translation.override("nl"),
        pytest.raises(cadence.CadenceError, match="na het einde van het programma op 31 december"),
    ):
        cadence.validate(cadence.WEEKLY, dt.date(2028, 1, 3), dt.date(2027, 12, 31))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("wekelijks", "weekly"),
        ("elke dinsdag", "weekly"),
        ("every Tuesday", "weekly"),
        ("om de twee weken", "fortnightly"),
        ("tweewekelijks", "fortnightly"),
        ("maandelijks op de eerste maandag", "monthly-weekday"),
        ("maandelijks", "monthly-day"),
        ("elke maandag", "weekly"),
        ("per kwartaal", "quarterly"),
        ("jaarlijks", "yearly"),
        ("elke werkdag", "daily"),
    ],
)
def test_cadences_from_a_dutch_designers_words(words, expected):
    assert services.cadence_from_text(words) == expected


@pytest.mark.parametrize(
    ("given", "slug"),
    [("Luisteren naar klanten", "listening"), ("Manier van werken", "way-of-working")],
)
def test_pillars_handed_over_in_dutch(given, slug):
    assert services.pillar_slug(given) == slug
