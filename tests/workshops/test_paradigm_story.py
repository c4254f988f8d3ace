"""The paradigm story: the rewritten dimension library and its pillars, the explainer deck, the
full package on one slide, and what "target" means."""

from __future__ import annotations

import importlib
import re
from html import unescape

import pytest
from django.apps import apps as django_apps
from django.template.loader import render_to_string
from django.urls import reverse

from tests.conftest import make_participant, make_workshop
from workshops import paradigm_stats, services
from workshops.explainers import DECKS, PARADIGM_EXPLAINER
from workshops.live import paradigm as paradigm_live
from workshops.live import screens
from workshops.models import Activity, ParadigmDimension, Pillar, Workshop, WorkshopDimension

CONTENT = importlib.import_module("workshops.migrations.0006_dimension_pillars_and_content")

# Slugs that existed before the rewrite: templates and bookmarks may name them.
EARLIER_SLUGS = [
    "purpose-and-strategy",
    "structure",
    "leadership-behaviour",
    "decision-making",
    "systems-and-data",
    "processes",
    "policies-and-procedures",
    "rewards-and-incentives",
    "metrics-and-kpis",
    "hiring-and-onboarding",
    "customer-feedback",
    "product-and-service-development",
    "celebrating-success",
    "budget-planning",
    "customer-stories-and-language",
]
ADDED = {
    "c-level-ownership": "Ownership of the customer at the top",
    "performance-appraisal": "Performance appraisal",
    "training-and-development": "Training and development",
    "acquiring-and-keeping-customers": "Winning and keeping customers",
    "internal-communication": "Internal communication",
}
# Words that mock the product-centred side; a leadership team that feels mocked stops listening.
CARICATURE = ["whatever happened", "point to the rules", "nobody", "seldom", "only when"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workshop(facilitator) -> Workshop:
    return make_workshop(
        facilitator, template_slug="understand-customer-culture", title="Customer culture at Acme"
    )


@pytest.fixture
def paradigm(workshop) -> Activity:
    return workshop.activities.get(kind="paradigm")


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip()))


def text_of(html: str) -> str:
    """What a person reads: tags stripped, entities decoded, white space collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# The library ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_dimension_has_one_claim_per_side_a_pillar_and_a_question():
    library = list(ParadigmDimension.objects.all())

    assert len(library) == 20
    for dimension in library:
        assert dimension.pillar in Pillar.values, dimension.slug
        assert sentences(dimension.product_centred) == 1, dimension.product_centred
        assert sentences(dimension.customer_centred) == 1, dimension.customer_centred
        assert dimension.question.strip().endswith("?"), dimension.slug
        assert dimension.product_centred != dimension.customer_centred


@pytest.mark.django_db
def test_the_product_centred_side_reads_as_a_system_not_a_caricature():
    for dimension in ParadigmDimension.objects.all():
        for phrase in CARICATURE:
            assert phrase not in dimension.product_centred.lower(), dimension.slug


@pytest.mark.django_db
def test_earlier_slugs_stay_and_the_missing_parts_of_the_package_are_added():
    slugs = set(ParadigmDimension.objects.values_list("slug", flat=True))

    assert set(EARLIER_SLUGS) <= slugs
    for slug, name in ADDED.items():
        assert ParadigmDimension.objects.get(slug=slug).name == name


@pytest.mark.django_db
def test_every_pillar_has_dimensions_so_every_gap_points_somewhere():
    counts = dict.fromkeys(Pillar.values, 0)
    for pillar in ParadigmDimension.objects.values_list("pillar", flat=True):
        counts[pillar] += 1

    assert all(count >= 4 for count in counts.values()), counts


@pytest.mark.django_db
def test_the_pillars_are_named_as_the_method_names_them():
    assert dict(Pillar.choices) == {
        "stories": "Sharing customer stories",
        "listening": "Listening to customers",
        "responsibility": "Shared responsibility",
        "way-of-working": "Way of working",
    }


def test_a_workshop_copies_each_dimensions_pillar(paradigm):
    copies = list(paradigm.dimensions.select_related("source"))

    assert len(copies) == ParadigmDimension.objects.count()
    assert [c.pillar for c in copies] == [c.source.pillar for c in copies]


def test_rewriting_the_library_leaves_a_workshops_own_wording_and_fills_in_its_pillar(paradigm):
    copy = paradigm.dimensions.get(source__slug="rewards-and-incentives")
    WorkshopDimension.objects.filter(pk=copy.pk).update(
        product_centred="Our own wording.", pillar=""
    )

    CONTENT.rewrite_library(django_apps, None)

    copy.refresh_from_db()
    assert copy.product_centred == "Our own wording."
    assert copy.pillar == "responsibility"


def test_the_facilitator_sets_a_dimensions_pillar_in_the_editor(
    facilitator_client, workshop, paradigm
):
    dimension = paradigm.dimensions.first()
    prefix = f"dimension-{dimension.pk}"
    page = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk]))
    assert f'name="{prefix}-pillar"' in page.content.decode()

    facilitator_client.post(
        reverse("dimension_edit", args=[workshop.pk, dimension.pk]),
        {
            f"{prefix}-name": dimension.name,
            f"{prefix}-pillar": "listening",
            f"{prefix}-product_centred": dimension.product_centred,
            f"{prefix}-customer_centred": dimension.customer_centred,
            f"{prefix}-question": dimension.question,
        },
    )

    dimension.refresh_from_db()
    assert dimension.pillar == "listening"


def test_an_unknown_pillar_is_refused_and_changes_nothing(facilitator_client, workshop, paradigm):
    dimension = paradigm.dimensions.first()
    before = dimension.pillar
    prefix = f"dimension-{dimension.pk}"

    response = facilitator_client.post(
        reverse("dimension_edit", args=[workshop.pk, dimension.pk]),
        {
            f"{prefix}-name": dimension.name,
            f"{prefix}-pillar": "marketing",
            f"{prefix}-product_centred": dimension.product_centred,
            f"{prefix}-customer_centred": dimension.customer_centred,
            f"{prefix}-question": dimension.question,
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    dimension.refresh_from_db()
    assert dimension.pillar == before


def test_another_facilitator_cannot_set_a_pillar(client, other_facilitator, workshop, paradigm):
    dimension = paradigm.dimensions.first()
    client.force_login(other_facilitator)
    prefix = f"dimension-{dimension.pk}"

    response = client.post(
        reverse("dimension_edit", args=[workshop.pk, dimension.pk]),
        {f"{prefix}-name": "Taken", f"{prefix}-pillar": "listening"},
    )

    assert response.status_code == 404
    assert WorkshopDimension.objects.get(pk=dimension.pk).name == dimension.name


# The explainer -------------------------------------------------------------------------------


def test_the_paradigm_explainer_has_four_to_six_complete_slides():
    assert DECKS["paradigm"] is PARADIGM_EXPLAINER
    assert 4 <= len(PARADIGM_EXPLAINER) <= 6
    for slide in PARADIGM_EXPLAINER:
        assert set(slide) == {"heading", "body", "speaker_notes"}
        assert all(value.strip() for value in slide.values()), slide["heading"]


def test_the_explainer_tells_why_the_move_stalls_and_names_both_misconceptions():
    told = " ".join(s["heading"] + " " + s["body"] for s in PARADIGM_EXPLAINER).lower()

    for point in ["paradigm", "mixed messages", "rewards", "nice to customers", "hr programmes"]:
        assert point in told, point
    assert any("reinforce" in s["heading"] for s in PARADIGM_EXPLAINER)


# The full package on one slide -----------------------------------------------------------------


def test_the_package_groups_every_dimension_by_pillar_in_the_methods_order(workshop, paradigm):
    context = paradigm_live.package_context(workshop)

    groups = context["package_groups"]
    assert [g["pillar"] for g in groups] == Pillar.values
    assert [g["label"] for g in groups] == Pillar.labels
    shown = [d.pk for g in groups for d in g["dimensions"]]
    assert sorted(shown) == sorted(paradigm.dimensions.values_list("pk", flat=True))
    assert context["package_count"] == len(shown)
    for group in groups:
        assert {d.pillar for d in group["dimensions"]} == {group["pillar"]}


def test_a_dimension_without_a_pillar_still_shows_in_the_package(workshop, paradigm):
    paradigm.dimensions.filter(source__slug="structure").update(pillar="")

    groups = paradigm_live.package_context(workshop)["package_groups"]

    assert groups[-1]["label"] == "Other dimensions"
    assert [d.name for d in groups[-1]["dimensions"]] == ["Structure"]


def test_the_package_is_empty_for_a_workshop_without_a_comparison(facilitator):
    blank = make_workshop(facilitator, template_slug=None, title="Blank")

    assert paradigm_live.package_context(blank) == {"package_groups": [], "package_count": 0}


@pytest.mark.parametrize("partial", ["presenter_package", "phone_package"])
def test_the_package_slide_shows_both_sides_of_every_dimension(workshop, paradigm, partial):
    html = render_to_string(
        f"workshops/paradigm.html#{partial}", paradigm_live.package_context(workshop)
    )
    read = text_of(html)

    for dimension in paradigm.dimensions.all():
        assert dimension.name in read
        assert text_of(dimension.product_centred) in read
        assert text_of(dimension.customer_centred) in read
    for label in Pillar.labels:
        assert str(label) in read
    assert "20 dimensions" in read


# What "target" means ---------------------------------------------------------------------------


def test_the_phones_rating_control_says_what_the_target_means(workshop, paradigm, facilitator):
    participant = make_participant(workshop, "Amira")
    services.goto_activity(workshop, facilitator, paradigm.pk)

    html = paradigm_live.my_rating(paradigm.dimensions.first(), participant)

    assert "<legend>Where we must be in two years</legend>" in html
    assert "where we must be in two years to keep our customers, not where a perfect" in html


def test_the_gaps_summary_counts_who_put_the_target_at_seven(workshop, paradigm, facilitator):
    first, second = paradigm.dimensions.all()[:2]
    for index, (target_first, target_second) in enumerate([(7, 7), (7, 5), (6, 7)]):
        person = make_participant(workshop, f"Person {index}")
        for dimension, target in ((first, target_first), (second, target_second)):
            services.set_rating(
                workshop,
                participant=person,
                activity_id=paradigm.pk,
                dimension_id=dimension.pk,
                today=3,
                target=target,
            )

    stats = {s.dimension.pk: s for s in paradigm_stats.stats_for([first, second])}
    assert (stats[first.pk].target_sevens, stats[second.pk].target_sevens) == (2, 2)

    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()
    context = paradigm_live.gaps_context(workshop)
    assert (context["target_sevens"], context["target_ratings"]) == (4, 6)
    read = text_of(render_to_string("workshops/paradigm.html#gaps", {"activity": gaps, **context}))
    assert read.count("2 of 3 chose 7 as the target") == 2
    assert "Targets at 7: 4 of 6 ratings." in read


def test_a_room_that_answers_seven_everywhere_is_marked(workshop, paradigm):
    dimension = paradigm.dimensions.first()
    for index in range(2):
        services.set_rating(
            workshop,
            participant=make_participant(workshop, f"Person {index}"),
            activity_id=paradigm.pk,
            dimension_id=dimension.pk,
            today=2,
            target=7,
        )
    gaps = workshop.activities.get(kind="gaps")

    html = render_to_string(
        "workshops/paradigm.html#gaps", {"activity": gaps, **paradigm_live.gaps_context(workshop)}
    )

    assert "gap-list__sevens--all" in html
    assert "2 of 2 chose 7 as the target" in text_of(html)


def test_the_presenters_gaps_slide_carries_the_sevens(workshop, facilitator, paradigm):
    services.set_rating(
        workshop,
        participant=make_participant(workshop),
        activity_id=paradigm.pk,
        dimension_id=paradigm.dimensions.first().pk,
        today=2,
        target=7,
    )
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    snapshot = screens.presenter_snapshot(workshop, "http://testserver/")

    assert "1 of 1 chose 7 as the target" in text_of(snapshot)
