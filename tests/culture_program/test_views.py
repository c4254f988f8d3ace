"""The builder, the downloads and the share link: who gets what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from culture_program import services
from culture_program.models import CultureProgram, Milestone, ProgramMetric, ProgramRitual
from tests.conftest import participant_cookie


def url(name: str, workshop, *args) -> str:
    return reverse(name, args=[workshop.pk, *args])


@pytest.fixture
def program(results_workshop, facilitator):
    return services.create_program(results_workshop, facilitator)


def ritual_data(prefix: str, **overrides) -> dict:
    data = {
        "name": "Customer desk day",
        "pillar": "listening",
        "cadence": "monthly-weekday",
        "first_date": "2027-02-01",
        "weekday": "",
        "week_of_month": "",
        "day_of_month": "",
        "owner": "Head of Sales",
        "sponsor": "CEO",
        "purpose": "Answer customers' calls for a day.",
        "success_signal": "",
    }
    data.update(overrides)
    return {f"{prefix}-{key}": value for key, value in data.items()}


# The builder ---------------------------------------------------------------------------------


def test_first_visit_creates_the_program_from_the_results(facilitator_client, results_workshop):
    response = facilitator_client.get(url("program_builder", results_workshop))
    assert response.status_code == 200
    program = CultureProgram.objects.get(workshop=results_workshop)
    assert [r.name for r in program.rituals.all()] == [
        "Customer story minute",
        "Listening lab",
        "Customer review",
    ]
    content = response.content.decode()
    assert "Customer story minute" in content
    assert "No ritual yet" in content  # way of working has no ritual
    assert "needs a first date" in content


def test_another_facilitator_gets_404(client, other_facilitator, results_workshop):
    client.force_login(other_facilitator)
    for name in ("program_builder", "program_pdf", "program_ics"):
        assert client.get(url(name, results_workshop)).status_code == 404
    assert not CultureProgram.objects.exists()


def test_another_facilitator_cannot_change_the_program(client, other_facilitator, program):
    client.force_login(other_facilitator)
    ritual = program.rituals.first()
    workshop = program.workshop
    posts = [
        (url("program_details", workshop), {"program-customer_owner": "Mallory"}),
        (url("program_part_add", workshop, "rituals"), ritual_data("new-rituals")),
        (url("program_part_remove", workshop, "rituals", ritual.pk), {}),
        (url("share_create", workshop), {}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 404
    program.refresh_from_db()
    assert program.customer_owner == ""
    assert program.rituals.count() == 3
    assert not program.share_links.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, results_workshop):
    for name in ("program_builder", "program_pdf", "program_ics"):
        response = client.get(url(name, results_workshop))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_participant_gets_no_program(client, participant, results_workshop):
    client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(participant)
    for name in ("program_builder", "program_pdf", "program_ics"):
        response = client.get(url(name, results_workshop))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_details_save_with_htmx_and_the_reviews_follow_the_start(facilitator_client, program):
    response = facilitator_client.post(
        url("program_details", program.workshop),
        {
            "program-start_date": "2027-03-01",
            "program-customer_owner": "Chief Customer Officer",
            "program-monthly_capacity": "12",
            "program-executive_summary": "Our year.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="builder"' in response.content.decode()
    assert "<html" not in response.content.decode()
    program.refresh_from_db()
    assert program.customer_owner == "Chief Customer Officer"
    assert [m.date for m in program.milestones.all()] == [
        dt.date(2027, 3, 31),
        dt.date(2027, 5, 30),
        dt.date(2027, 8, 28),
        dt.date(2028, 2, 29),
    ]


def test_adding_a_ritual_puts_it_on_the_calendar(facilitator_client, program):
    response = facilitator_client.post(
        url("program_part_add", program.workshop, "rituals"),
        ritual_data("new-rituals"),
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert "Added the ritual “Customer desk day”" in content
    ritual = program.rituals.get(name="Customer desk day")
    assert ritual.cadence_text == "Monthly on the 1st Monday"
    assert ritual.position == 3


def test_a_first_date_after_the_program_is_refused_in_place(facilitator_client, program):
    ritual = program.rituals.get(name="Listening lab")
    response = facilitator_client.post(
        url("program_part_edit", program.workshop, "rituals", ritual.pk),
        ritual_data(f"rituals-{ritual.pk}", name="Listening lab", first_date="2029-05-01"),
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "is after the program ends on 31 December 2027" in content
    assert "Not saved" in content
    ritual.refresh_from_db()
    assert ritual.first_date == dt.date(2027, 1, 12)


def test_a_cadence_with_no_date_is_refused(facilitator_client, program):
    response = facilitator_client.post(
        url("program_part_add", program.workshop, "rituals"),
        ritual_data("new-rituals", first_date=""),
        HTTP_HX_REQUEST="true",
    )
    assert "a cadence needs a day to start from" in response.content.decode()
    assert program.rituals.count() == 3


def test_changing_a_cadence_changes_the_calendar(facilitator_client, program):
    ritual = program.rituals.get(name="Listening lab")
    response = facilitator_client.post(
        url("program_part_edit", program.workshop, "rituals", ritual.pk),
        ritual_data(
            f"rituals-{ritual.pk}",
            name="Listening lab",
            cadence="quarterly",
            first_date="2027-01-12",
        ),
        HTTP_HX_REQUEST="true",
    )
    assert "Saved “Listening lab”" in response.content.decode()
    ritual.refresh_from_db()
    assert ritual.cadence_text == "Quarterly on the 12th (Jan, Apr, Jul, Oct)"


def test_removing_a_ritual(facilitator_client, program):
    ritual = program.rituals.get(name="Customer review")
    response = facilitator_client.post(
        url("program_part_remove", program.workshop, "rituals", ritual.pk)
    )
    assert response.status_code == 302
    assert not ProgramRitual.objects.filter(pk=ritual.pk).exists()


def test_milestones_and_metrics(facilitator_client, program):
    workshop = program.workshop
    facilitator_client.post(
        url("program_part_add", workshop, "milestones"),
        {"new-milestones-name": "Board offsite", "new-milestones-date": "2027-06-15"},
    )
    facilitator_client.post(
        url("program_part_add", workshop, "metrics"),
        {
            "new-metrics-name": "Net promoter score",
            "new-metrics-baseline": "12",
            "new-metrics-target": "30",
            "new-metrics-how_measured": "Quarterly survey",
        },
    )
    assert program.milestones.filter(name="Board offsite").exists()
    assert ProgramMetric.objects.get(program=program).target == "30"
    response = facilitator_client.post(
        url("program_part_add", workshop, "milestones"),
        {"new-milestones-name": "Too late", "new-milestones-date": "2030-01-01"},
        HTTP_HX_REQUEST="true",
    )
    assert "Pick a date within the program" in response.content.decode()
    assert not Milestone.objects.filter(name="Too late").exists()


def test_a_review_given_its_own_date_stops_following_the_start(facilitator_client, program):
    review = program.milestones.first()
    facilitator_client.post(
        url("program_part_edit", program.workshop, "milestones", review.pk),
        {f"milestones-{review.pk}-name": review.name, f"milestones-{review.pk}-date": "2027-02-10"},
    )
    review.refresh_from_db()
    assert review.date == dt.date(2027, 2, 10) and review.days_after_start is None


def test_an_unknown_part_is_404(facilitator_client, program):
    response = facilitator_client.post(url("program_part_add", program.workshop, "workshops"))
    assert response.status_code == 404


def test_a_garbled_form_changes_nothing(facilitator_client, program):
    ritual = program.rituals.first()
    response = facilitator_client.post(
        url("program_part_edit", program.workshop, "rituals", ritual.pk),
        {f"rituals-{ritual.pk}-cadence": "hourly", f"rituals-{ritual.pk}-weekday": "9"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    ritual.refresh_from_db()
    assert ritual.name == "Customer story minute"


# Downloads and the share link ---------------------------------------------------------------


def test_the_owner_downloads_the_pdf_and_the_calendar(facilitator_client, program):
    pdf = facilitator_client.get(url("program_pdf", program.workshop))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    calendar = facilitator_client.get(url("program_ics", program.workshop))
    assert calendar["Content-Type"] == "text/calendar"
    events = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert len(events) == 2 + 4  # two dated rituals, four reviews


def test_a_share_link_shows_the_program_and_its_pdf_without_log_in(
    client, facilitator_client, program
):
    facilitator_client.post(url("share_create", program.workshop))
    link = program.share_links.get()
    assert len(link.token) >= 40
    page = client.get(reverse("shared_program", args=[link.token]))
    assert page.status_code == 200
    assert "Customer story minute" in page.content.decode()
    assert "<form" not in page.content.decode()
    pdf = client.get(reverse("shared_pdf", args=[link.token]))
    assert pdf.content.startswith(b"%PDF")
    assert client.get(reverse("shared_ics", args=[link.token])).status_code == 200


def test_a_revoked_link_is_404(client, facilitator_client, program):
    facilitator_client.post(url("share_create", program.workshop))
    link = program.share_links.get()
    facilitator_client.post(url("share_revoke", program.workshop, link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None
    for name in ("shared_program", "shared_pdf", "shared_ics"):
        assert client.get(reverse(name, args=[link.token])).status_code == 404


def test_a_guessed_token_is_404(client, program):
    assert client.get(reverse("shared_program", args=["not-a-token"])).status_code == 404


def test_another_facilitator_cannot_revoke_a_link(client, other_facilitator, program):
    link = services.create_share_link(program, program.workshop.facilitator)
    client.force_login(other_facilitator)
    response = client.post(url("share_revoke", program.workshop, link.pk))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
