"""The paradigm comparison: the dimension library, a workshop's own dimensions, ratings and
their figures, the deck, the facilitator's dimension pages, the gaps slide and the chart."""

from __future__ import annotations

import re
import statistics
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.conftest import make_participant, make_workshop
from workshops import forms, live, paradigm_stats, services
from workshops.live import paradigm as paradigm_live
from workshops.live import screens
from workshops.models import (
    Activity,
    ParadigmDimension,
    Participant,
    Rating,
    Workshop,
    WorkshopDimension,
)
from workshops.services import NotAllowed, ServiceError

pytestmark = pytest.mark.django_db

ONLY_THE_FACILITATOR = "Only the facilitator of this workshop can do that."
NOT_IN_THE_COMPARISON = "That dimension is not in this comparison."
OUT_OF_SCALE = "Pick a point from 1 to 7."
PARADIGM_TITLE = "Two paradigms, dimension by dimension"
GAPS_TITLE = "Where the gaps are"
# What the deck moves on to: the full package of both paradigms on one slide.
AFTER_THE_DECK = "The full package"
SVG = "{http://www.w3.org/2000/svg}"

# The "full package": every dimension the library must cover.
FULL_PACKAGE = [
    "Purpose and strategy",
    "Structure",
    "Leadership behaviour",
    "Decision making",
    "Systems and data",
    "Processes",
    "Policies and procedures",
    "Rewards and incentives",
    "Metrics and KPIs",
    "Hiring and onboarding",
    "Customer feedback",
    "Developing products and services",
    "Celebrating success",
    "Budget planning",
    "Customer stories and language",
]


# The cast's rooms run "Understand customer culture", whose third step is the comparison.


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
def paradigm(workshop, facilitator) -> Activity:
    """The paradigm comparison, on every screen."""
    activity = workshop.activities.get(kind="paradigm")
    services.goto_activity(workshop, facilitator, activity.pk)
    workshop.refresh_from_db()
    return activity


@pytest.fixture
def dimensions(paradigm) -> list[WorkshopDimension]:
    return list(paradigm.dimensions.order_by("position"))


@pytest.fixture
def other_dimension(other_workshop) -> WorkshopDimension:
    return WorkshopDimension.objects.filter(activity__workshop=other_workshop).first()


def people(workshop: Workshop, count: int) -> list[Participant]:
    return [make_participant(workshop, f"Person {index + 1}") for index in range(count)]


def rate(workshop, participant, dimension, today, target) -> Rating:
    return services.set_rating(
        workshop,
        participant=participant,
        activity_id=None,
        dimension_id=dimension.pk,
        today=today,
        target=target,
    )


def rate_all(workshop, dimension, pairs: list[tuple[int, int]]) -> None:
    """One new participant per (today, target) pair rates ``dimension``."""
    for person, (today, target) in zip(people(workshop, len(pairs)), pairs, strict=True):
        rate(workshop, person, dimension, today, target)


def reload(instance):
    instance.refresh_from_db()
    return instance


def text_of(html: str) -> str:
    """What a person reads: tags stripped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def svg_of(html: str) -> ET.Element:
    """The inline chart, parsed as XML (it must be well-formed)."""
    start = html.index("<svg")
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])


# The library -----------------------------------------------------------------------------


def test_the_library_holds_the_full_package_of_dimensions():
    library = list(ParadigmDimension.objects.all())

    assert len(library) >= 14
    assert set(FULL_PACKAGE) <= {d.name for d in library}
    assert [d.name for d in library[:3]] == FULL_PACKAGE[:3]
    assert len({d.position for d in library}) == len(library)
    for dimension in library:
        assert dimension.product_centred.strip(), dimension.name
        assert dimension.customer_centred.strip(), dimension.name
        assert dimension.product_centred != dimension.customer_centred
        assert dimension.question.strip().endswith("?"), dimension.name


def test_a_workshop_from_the_template_gets_its_own_copies_of_the_dimensions_in_order(workshop):
    assert list(workshop.activities.values_list("title", "kind")) == [
        ("Welcome", "lobby"),
        ("Why customer culture?", "explainer"),
        (PARADIGM_TITLE, "paradigm"),
        (AFTER_THE_DECK, "package"),
        (GAPS_TITLE, "gaps"),
        ("Mixed signals", "board"),
        ("Vision: two years from now", "vision"),
        ("Our vision statement", "vision_statement"),
        ("Wrap-up", "prompt"),
    ]
    paradigm = workshop.activities.get(kind="paradigm")
    library = list(ParadigmDimension.objects.all())
    copies = list(paradigm.dimensions.order_by("position"))

    assert [c.source for c in copies] == library
    assert [c.position for c in copies] == list(range(len(library)))
    for copy, source in zip(copies, library, strict=True):
        assert (copy.name, copy.product_centred, copy.customer_centred, copy.question) == (
            source.name,
            source.product_centred,
            source.customer_centred,
            source.question,
        )
    assert paradigm.current_dimension == copies[0]
    # Only the comparison has dimensions.
    assert WorkshopDimension.objects.filter(activity__workshop=workshop).count() == len(library)


def test_rewording_a_workshops_dimension_leaves_the_library_and_other_workshops_alone(
    workshop, other_workshop, facilitator, dimensions
):
    first = dimensions[0]
    services.update_dimension(
        first,
        facilitator,
        name="Why we exist",
        product_centred="Sell more boxes.",
        customer_centred="Help customers succeed.",
        question="Who is it for?",
    )

    assert ParadigmDimension.objects.get(slug="purpose-and-strategy").name == "Purpose and strategy"
    other_first = WorkshopDimension.objects.filter(activity__workshop=other_workshop).first()
    assert other_first.name == "Purpose and strategy"
    assert other_first.pk != first.pk


def test_the_deck_starts_on_the_first_dimension(workshop, paradigm, dimensions):
    context = live.stage_context(workshop)
    html = render_to_string(screens.PRESENTER_STAGE, context)

    assert context["dimension"] == dimensions[0]
    assert context["dimension_index"] == 1
    assert "<h1" in html and "Purpose and strategy" in html
    assert f"{PARADIGM_TITLE} · 1 of {len(dimensions)}" in text_of(html)
    assert 'aria-current="step"' in html
    assert f'id="chart-{dimensions[0].pk}"' in html


# Figures: distributions, means, the gap and the spread -----------------------------------


def test_the_figures_of_known_ratings(workshop, dimensions):
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6), (2, 6), (3, 7), (5, 5)])

    (stats,) = paradigm_stats.stats_for([dimension])

    assert stats.n == 4
    assert sorted(stats.today) == [2, 2, 3, 5]
    assert sorted(stats.target) == [5, 6, 6, 7]
    assert stats.today_distribution == [0, 2, 1, 0, 1, 0, 0]
    assert stats.target_distribution == [0, 0, 0, 0, 1, 2, 1]
    assert stats.today_mean == 3.0
    assert stats.target_mean == 6.0
    assert stats.gap == 3.0
    assert stats.spread == pytest.approx(statistics.pstdev([2, 2, 3, 5]))
    assert stats.spread == pytest.approx(1.2247, abs=1e-4)


def test_figures_are_counted_per_dimension(workshop, dimensions):
    first, second, third = dimensions[:3]
    amira, bruno = people(workshop, 2)
    rate(workshop, amira, first, 1, 7)
    rate(workshop, bruno, first, 3, 5)
    rate(workshop, amira, second, 4, 4)

    stats = paradigm_stats.stats_for([first, second, third])

    assert [s.dimension for s in stats] == [first, second, third]
    assert [s.n for s in stats] == [2, 1, 0]
    assert (stats[0].today_mean, stats[0].target_mean, stats[0].gap) == (2.0, 6.0, 4.0)
    assert (stats[1].gap, stats[1].spread) == (0.0, 0.0)


def test_a_dimension_without_ratings_has_no_figures(dimensions):
    (stats,) = paradigm_stats.stats_for([dimensions[0]])

    assert stats.n == 0
    assert stats.today_distribution == [0] * 7
    assert stats.target_distribution == [0] * 7
    assert stats.today_mean is None
    assert stats.target_mean is None
    assert stats.gap is None
    assert stats.spread is None
    assert paradigm_stats.ranked([stats]) == {"by_gap": [], "by_spread": []}


def test_ranked_puts_the_biggest_gap_and_the_most_disagreement_first(workshop, dimensions):
    first, second, third, fourth = dimensions[:4]
    rate_all(workshop, first, [(4, 5), (4, 5)])  # gap 1, spread 0
    rate_all(workshop, second, [(1, 7), (3, 7)])  # gap 5, spread 1
    rate_all(workshop, third, [(1, 4), (7, 6)])  # gap 1, spread 3
    # The fourth is not rated: it is in neither list.

    ranked = paradigm_stats.ranked(paradigm_stats.stats_for([first, second, third, fourth]))

    assert [s.dimension for s in ranked["by_gap"]] == [second, first, third]
    assert [s.dimension for s in ranked["by_spread"]] == [third, second, first]


def test_ranked_breaks_ties_by_the_order_of_the_deck(workshop, dimensions):
    first, second = dimensions[:2]
    rate_all(workshop, second, [(2, 5)])
    rate_all(workshop, first, [(2, 5)])

    ranked = paradigm_stats.ranked(paradigm_stats.stats_for([second, first]))

    assert [s.dimension for s in ranked["by_gap"]] == [first, second]
    assert [s.dimension for s in ranked["by_spread"]] == [first, second]


# The chart's geometry ----------------------------------------------------------------------


def test_the_chart_has_a_bar_pair_for_every_point_of_the_scale_with_heights_in_proportion(
    workshop, dimensions
):
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6), (2, 6), (3, 7), (5, 5)])
    (stats,) = paradigm_stats.stats_for([dimension])

    chart = paradigm_stats.chart(stats)

    bars = chart["bars"]
    assert [bar["point"] for bar in bars] == [1, 2, 3, 4, 5, 6, 7]
    assert [bar["today"] for bar in bars] == [0, 2, 1, 0, 1, 0, 0]
    assert [bar["target"] for bar in bars] == [0, 0, 0, 0, 1, 2, 1]
    # The tallest bar (2 of 4) is full height; a bar of 1 is half as tall; 0 is flat.
    full = paradigm_stats.BAR_MAX
    assert [bar["today_height"] for bar in bars] == [0, full, full / 2, 0, full / 2, 0, 0]
    assert [bar["target_height"] for bar in bars] == [0, 0, 0, 0, full / 2, full, full / 2]
    # Evenly spaced, left to right, each bar centred on its point of the axis.
    centres = [bar["centre"] for bar in bars]
    assert centres == [paradigm_stats.x_for(point) for point in range(1, 8)]
    assert {b - a for a, b in zip(centres, centres[1:], strict=False)} == {paradigm_stats.STEP}
    assert chart["left"] < centres[0] and centres[-1] < chart["right"] <= chart["width"]
    # Today stands on the axis, the target hangs below it.
    axis = chart["axis_y"]
    for bar in bars:
        assert bar["x"] < bar["centre"] < bar["x"] + 48
        assert bar["today_y"] + bar["today_height"] < axis
        assert bar["target_y"] > axis
        assert bar["today_y"] >= 0
        assert bar["target_y"] + bar["target_height"] < chart["point_label_y"]


def test_the_chart_places_the_means_on_the_axis(workshop, dimensions):
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6), (2, 6), (3, 7), (5, 5)])
    (stats,) = paradigm_stats.stats_for([dimension])

    means = paradigm_stats.chart(stats)["means"]

    assert means["today_x"] == paradigm_stats.x_for(3.0)
    assert means["target_x"] == paradigm_stats.x_for(6.0)
    # 3.0 is where the bar for 3 stands; 6.0 is where the bar for 6 stands.
    bars = paradigm_stats.chart(stats)["bars"]
    assert (means["today_x"], means["target_x"]) == (bars[2]["centre"], bars[5]["centre"])


def test_a_mean_between_two_points_is_placed_between_them(workshop, dimensions):
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(3, 6), (4, 7)])
    (stats,) = paradigm_stats.stats_for([dimension])

    chart = paradigm_stats.chart(stats)

    bars = chart["bars"]
    assert chart["means"]["today_x"] == (bars[2]["centre"] + bars[3]["centre"]) / 2
    assert chart["means"]["target_x"] == (bars[5]["centre"] + bars[6]["centre"]) / 2


def test_an_empty_chart_has_flat_bars_and_no_means(dimensions):
    (stats,) = paradigm_stats.stats_for([dimensions[0]])

    chart = paradigm_stats.chart(stats)

    assert chart["means"] is None
    assert len(chart["bars"]) == 7
    assert {bar["today_height"] for bar in chart["bars"]} == {0}
    assert {bar["target_height"] for bar in chart["bars"]} == {0}


# The chart fragment is well-formed SVG ------------------------------------------------------


def test_the_chart_fragment_without_ratings_is_well_formed_svg(dimensions):
    dimension = dimensions[0]

    html = paradigm_live.chart(dimension)

    assert f'<figure id="chart-{dimension.pk}"' in html
    svg = svg_of(html)
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title").text == "Ratings for Purpose and strategy"
    assert svg.find(f"{SVG}desc").text == "No ratings yet."
    assert len(svg.findall(f"{SVG}rect")) == 14
    assert svg.findall(f"{SVG}circle") == []
    assert "Waiting for the first rating" in text_of(html)


def test_the_chart_fragment_with_ratings_is_well_formed_svg(workshop, dimensions):
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6), (2, 6), (3, 7), (5, 5)])

    html = paradigm_live.chart(dimension)

    svg = svg_of(html)
    assert svg.find(f"{SVG}desc").text == (
        "4 ratings. Today averages 3.0, the target 6.0, a gap of 3.0."
    )
    assert len(svg.findall(f"{SVG}rect")) == 14
    means = svg.findall(f"{SVG}circle")
    assert [float(c.get("cx")) for c in means] == [
        paradigm_stats.x_for(3.0),
        paradigm_stats.x_for(6.0),
    ]
    counts = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "chart__count"]
    assert sorted(counts) == sorted(["2", "1", "1", "1", "2", "1"])
    assert "4 ratings · today 3.0 · target 6.0 · gap 3.0 · spread 1.2" in text_of(html)


def test_the_chart_in_dutch_keeps_its_coordinates_as_numbers(workshop, dimensions):
    """Dutch writes 3,3 for 3.3: the words say it so, the SVG's coordinates never do."""
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6), (3, 6), (3, 7)])

    with translation.override("nl"):
        html = paradigm_live.chart(dimension)

    svg = svg_of(html)
    means = [float(c.get("cx")) for c in svg.findall(f"{SVG}circle")]
    assert means == [round(paradigm_stats.x_for(m), 1) for m in (8 / 3, 19 / 3)]
    assert "," not in svg.get("viewBox")
    assert "2,7" in text_of(html)  # the mean today, as a Dutch reader writes it


def test_the_charts_description_for_one_rating_says_one_rating(workshop, dimensions):
    """Screen readers read the description: "1 rating", not "1 ratings"."""
    dimension = dimensions[0]
    rate_all(workshop, dimension, [(2, 6)])

    html = paradigm_live.chart(dimension)

    assert svg_of(html).find(f"{SVG}desc").text == (
        "1 rating. Today averages 2.0, the target 6.0, a gap of 4.0."
    )
    assert "1 rating · today 2.0 · target 6.0" in text_of(html)


def test_the_chart_fragment_stays_well_formed_with_markup_in_the_dimension_name(
    workshop, facilitator, dimensions
):
    dimension = dimensions[0]
    services.update_dimension(
        dimension,
        facilitator,
        name='Sales & "service" <together>',
        product_centred="a",
        customer_centred="b",
        question="",
    )
    rate_all(workshop, dimension, [(1, 7)])

    svg = svg_of(paradigm_live.chart(reload(dimension)))

    assert svg.find(f"{SVG}title").text == 'Ratings for Sales & "service" <together>'


def test_the_presenter_slide_carries_the_same_well_formed_chart(workshop, paradigm, dimensions):
    rate_all(workshop, dimensions[0], [(2, 6), (4, 6)])

    html = render_to_string(screens.PRESENTER_STAGE, live.stage_context(workshop))

    svg = svg_of(html)
    assert len(svg.findall(f"{SVG}circle")) == 2
    assert "2 ratings · today 3.0 · target 6.0" in text_of(html)


# Rating: who may, which values ---------------------------------------------------------------


def test_a_participant_rates_the_dimension_on_screen(workshop, participant, dimensions):
    rating = rate(workshop, participant, dimensions[0], 2, 6)

    stored = Rating.objects.get()
    assert stored == rating
    assert (stored.dimension, stored.participant) == (dimensions[0], participant)
    assert (stored.today, stored.target) == (2, 6)


def test_rating_again_replaces_the_earlier_rating(workshop, participant, dimensions):
    rate(workshop, participant, dimensions[0], 2, 6)

    again = rate(workshop, participant, dimensions[0], 4, 5)

    assert Rating.objects.count() == 1
    stored = Rating.objects.get()
    assert stored.pk == again.pk
    assert (stored.today, stored.target) == (4, 5)
    (stats,) = paradigm_stats.stats_for([dimensions[0]])
    assert (stats.n, stats.today_mean, stats.target_mean) == (1, 4.0, 5.0)


def test_a_participant_may_rate_another_dimension_of_the_comparison(
    workshop, participant, paradigm, dimensions
):
    rating = services.set_rating(
        workshop,
        participant=participant,
        activity_id=paradigm.pk,
        dimension_id=dimensions[4].pk,
        today=1,
        target=2,
    )

    assert rating.dimension == dimensions[4]


@pytest.mark.parametrize(("today", "target"), [(0, 5), (8, 5), (3, 0), (3, 8), (-1, 7)])
def test_a_rating_off_the_scale_is_refused(workshop, participant, dimensions, today, target):
    with pytest.raises(ServiceError) as refused:
        rate(workshop, participant, dimensions[0], today, target)

    assert str(refused.value) == OUT_OF_SCALE
    assert not Rating.objects.exists()


def test_the_ends_of_the_scale_are_accepted(workshop, participant, dimensions):
    rate(workshop, participant, dimensions[0], 1, 7)
    rate(workshop, participant, dimensions[1], 7, 1)

    assert sorted(Rating.objects.values_list("today", "target")) == [(1, 7), (7, 1)]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"today": "0", "target": "6"}, "today", "where we are today"),
        ({"today": "8", "target": "6"}, "today", "where we are today"),
        ({"today": "x", "target": "6"}, "today", "where we are today"),
        ({"today": "3", "target": "8"}, "target", "where we want to be"),
        ({"today": "3", "target": ""}, "target", "where we want to be"),
        ({"today": "3"}, "target", "where we want to be"),
        ({"today": "2.5", "target": "6"}, "today", "where we are today"),
    ],
)
def test_the_rating_message_refuses_values_off_the_scale_with_a_clear_message(data, field, message):
    form = forms.RatingMessage({"dimension": "12", **data})

    assert not form.is_valid()
    assert form.errors[field] == [f"Pick {message} on the scale from 1 to 7."]


def test_the_rating_message_accepts_the_scale_and_reads_numbers():
    form = forms.RatingMessage({"dimension": "12", "today": "1", "target": 7})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"activity": None, "dimension": 12, "today": 1, "target": 7}


def test_the_rating_message_needs_a_dimension():
    form = forms.RatingMessage({"today": "3", "target": "6"})

    assert not form.is_valid()
    assert form.errors["dimension"] == ["Which dimension? Reload the page and try again."]


def test_a_rating_for_an_unknown_dimension_is_refused(workshop, participant, dimensions):
    missing = WorkshopDimension.objects.order_by("-pk").first().pk + 1000

    with pytest.raises(ServiceError) as refused:
        services.set_rating(
            workshop,
            participant=participant,
            activity_id=None,
            dimension_id=missing,
            today=3,
            target=6,
        )

    assert str(refused.value) == NOT_IN_THE_COMPARISON
    assert not Rating.objects.exists()


def test_a_rating_for_another_workshops_dimension_is_refused(
    workshop, participant, dimensions, other_dimension
):
    with pytest.raises(ServiceError) as refused:
        rate(workshop, participant, other_dimension, 3, 6)

    assert str(refused.value) == NOT_IN_THE_COMPARISON
    assert not Rating.objects.exists()


def test_a_rating_naming_another_workshops_comparison_is_refused(
    workshop, participant, dimensions, other_dimension
):
    with pytest.raises(ServiceError) as refused:
        services.set_rating(
            workshop,
            participant=participant,
            activity_id=other_dimension.activity_id,
            dimension_id=other_dimension.pk,
            today=3,
            target=6,
        )

    assert str(refused.value) == "That paradigm comparison is not part of this workshop."
    assert not Rating.objects.exists()


def test_a_rating_while_another_activity_is_on_screen_is_refused(
    workshop, facilitator, participant, dimensions
):
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    with pytest.raises(ServiceError) as refused:
        rate(workshop, participant, dimensions[0], 3, 6)

    assert str(refused.value) == "That paradigm comparison is not part of this workshop."
    assert not Rating.objects.exists()


def test_the_facilitator_cannot_rate(workshop, dimensions):
    with pytest.raises(NotAllowed) as refused:
        rate(workshop, None, dimensions[0], 3, 6)

    assert str(refused.value) == "Ratings are for participants."
    assert not Rating.objects.exists()


def test_a_participant_of_another_room_cannot_rate(workshop, other_participant, dimensions):
    with pytest.raises(NotAllowed) as refused:
        rate(workshop, other_participant, dimensions[0], 3, 6)

    assert str(refused.value) == "You are not in this room."
    assert not Rating.objects.exists()


def test_the_phones_rating_control_shows_what_the_person_chose(workshop, participant, dimensions):
    dimension = dimensions[0]
    before = paradigm_live.my_rating(dimension, participant)
    rate(workshop, participant, dimension, 3, 6)
    after = paradigm_live.my_rating(dimension, participant)

    assert f'id="my-rating-{dimension.pk}"' in before
    assert "Save my rating" in before and "checked" not in before
    assert "<legend>Where we are today</legend>" in before
    assert "<legend>Where we must be in two years</legend>" in before
    assert "Update my rating" in after
    assert "Saved: today 3, target 6" in after
    assert re.search(r'name="today" value="3" checked', after)
    assert re.search(r'name="target" value="6" checked', after)
    assert after.count("checked") == 2


# The deck: the clicker steps through the dimensions, then on ---------------------------------


def test_next_steps_through_the_dimensions_then_on_to_the_next_activity(
    workshop, facilitator, paradigm, dimensions
):
    seen = []
    for _ in dimensions[1:]:
        services.step_activity(workshop, facilitator, +1)
        workshop.refresh_from_db()
        assert workshop.current_activity == paradigm
        seen.append(reload(paradigm).current_dimension)
    assert seen == dimensions[1:]

    services.step_activity(workshop, facilitator, +1)

    workshop.refresh_from_db()
    assert workshop.current_activity.title == AFTER_THE_DECK
    assert reload(paradigm).current_dimension == dimensions[-1]


def test_previous_steps_back_through_the_dimensions(workshop, facilitator, paradigm, dimensions):
    services.goto_dimension(workshop, facilitator, dimensions[2].pk)

    services.step_activity(workshop, facilitator, -1)

    workshop.refresh_from_db()
    assert workshop.current_activity == paradigm
    assert reload(paradigm).current_dimension == dimensions[1]


def test_previous_on_the_first_dimension_goes_to_the_previous_activity(
    workshop, facilitator, paradigm, dimensions
):
    services.step_activity(workshop, facilitator, -1)

    workshop.refresh_from_db()
    assert workshop.current_activity.title == "Why customer culture?"
    assert reload(paradigm).current_dimension == dimensions[0]


def test_previous_after_the_deck_comes_back_to_the_last_dimension_shown(
    workshop, facilitator, paradigm, dimensions
):
    services.goto_dimension(workshop, facilitator, dimensions[-1].pk)
    services.step_activity(workshop, facilitator, +1)
    workshop.refresh_from_db()
    assert workshop.current_activity.title == AFTER_THE_DECK

    services.step_activity(workshop, facilitator, -1)

    workshop.refresh_from_db()
    assert workshop.current_activity == paradigm
    assert reload(paradigm).current_dimension == dimensions[-1]


def test_a_participant_cannot_step_the_deck(workshop, paradigm, dimensions):
    with pytest.raises(NotAllowed):
        services.step_activity(workshop, None, +1)

    assert reload(paradigm).current_dimension == dimensions[0]


# The deck: going to a dimension ------------------------------------------------------------


def test_the_facilitator_goes_to_a_dimension(workshop, facilitator, paradigm, dimensions):
    activity = services.goto_dimension(workshop, facilitator, dimensions[5].pk)

    assert activity == paradigm
    assert reload(paradigm).current_dimension == dimensions[5]
    context = live.stage_context(workshop)
    assert (context["dimension"], context["dimension_index"]) == (dimensions[5], 6)


def test_a_participant_cannot_go_to_a_dimension(workshop, paradigm, dimensions):
    with pytest.raises(NotAllowed) as refused:
        services.goto_dimension(workshop, None, dimensions[5].pk)

    assert str(refused.value) == ONLY_THE_FACILITATOR
    assert reload(paradigm).current_dimension == dimensions[0]


def test_another_facilitator_cannot_go_to_a_dimension(
    workshop, other_facilitator, paradigm, dimensions
):
    with pytest.raises(NotAllowed) as refused:
        services.goto_dimension(workshop, other_facilitator, dimensions[5].pk)

    assert str(refused.value) == ONLY_THE_FACILITATOR
    assert reload(paradigm).current_dimension == dimensions[0]


def test_going_to_another_workshops_dimension_is_refused(
    workshop, facilitator, paradigm, dimensions, other_dimension
):
    with pytest.raises(ServiceError) as refused:
        services.goto_dimension(workshop, facilitator, other_dimension.pk)

    assert str(refused.value) == NOT_IN_THE_COMPARISON
    assert reload(paradigm).current_dimension == dimensions[0]


def test_going_to_a_dimension_while_no_comparison_is_on_screen_is_refused(workshop, facilitator):
    # The room is still in the lobby.
    dimension = WorkshopDimension.objects.filter(activity__workshop=workshop)[3]

    with pytest.raises(ServiceError) as refused:
        services.goto_dimension(workshop, facilitator, dimension.pk)

    assert str(refused.value) == "That paradigm comparison is not part of this workshop."
    assert reload(dimension.activity).current_dimension.position == 0


# The facilitator's dimension pages -------------------------------------------------------------


def dimension_url(name: str, workshop: Workshop, dimension: WorkshopDimension) -> str:
    return reverse(name, args=[workshop.pk, dimension.pk])


def edit_data(dimension: WorkshopDimension, **changes: str) -> dict[str, str]:
    texts = {
        "name": dimension.name,
        "product_centred": dimension.product_centred,
        "customer_centred": dimension.customer_centred,
        "question": dimension.question,
        **changes,
    }
    return {f"dimension-{dimension.pk}-{name}": value for name, value in texts.items()}


def names(activity: Activity) -> list[str]:
    return list(activity.dimensions.order_by("position").values_list("name", flat=True))


def test_the_workshop_page_lists_the_comparisons_dimensions(facilitator_client, workshop):
    response = facilitator_client.get(reverse("workshop_detail", args=[workshop.pk]))

    html = response.content.decode()
    assert "Dimensions of the comparison" in html
    assert html.index("Purpose and strategy") < html.index("Structure")
    assert html.index("Structure") < html.index("Leadership behaviour")


def test_the_facilitator_adds_a_dimension_from_the_library(
    facilitator_client, workshop, paradigm, facilitator
):
    services.remove_dimension(paradigm.dimensions.get(name="Structure"), facilitator)
    source = ParadigmDimension.objects.get(slug="structure")

    response = facilitator_client.post(
        reverse("dimension_add", args=[workshop.pk, paradigm.pk]), {"source": source.pk}
    )

    assert response.status_code == 302
    added = paradigm.dimensions.order_by("position").last()
    assert (added.name, added.source, added.question) == ("Structure", source, source.question)
    assert names(paradigm)[-1] == "Structure"
    assert len(names(paradigm)) == ParadigmDimension.objects.count()


def test_adding_with_htmx_returns_the_agenda_with_the_new_dimension(
    facilitator_client, workshop, paradigm
):
    source = ParadigmDimension.objects.get(slug="budget-planning")

    response = facilitator_client.post(
        reverse("dimension_add", args=[workshop.pk, paradigm.pk]),
        {"source": source.pk},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="agenda"' in html
    assert "<html" not in html
    assert names(paradigm).count("Budget planning") == 2


def test_adding_an_unknown_library_dimension_changes_nothing(
    facilitator_client, workshop, paradigm
):
    before = names(paradigm)

    facilitator_client.post(
        reverse("dimension_add", args=[workshop.pk, paradigm.pk]), {"source": "999999"}
    )

    assert names(paradigm) == before


def test_another_facilitator_cannot_add_a_dimension(client, other_facilitator, workshop, paradigm):
    client.force_login(other_facilitator)
    before = names(paradigm)

    response = client.post(
        reverse("dimension_add", args=[workshop.pk, paradigm.pk]),
        {"source": ParadigmDimension.objects.first().pk},
    )

    assert response.status_code == 404
    assert names(paradigm) == before


def test_someone_logged_out_is_sent_to_log_in(client, workshop, paradigm, dimensions):
    response = client.post(dimension_url("dimension_remove", workshop, dimensions[0]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert paradigm.dimensions.count() == len(dimensions)


def test_the_facilitator_rewords_a_dimension(facilitator_client, workshop, dimensions):
    dimension = dimensions[1]

    response = facilitator_client.post(
        dimension_url("dimension_edit", workshop, dimension),
        edit_data(
            dimension,
            name="How we are organised",
            product_centred="By product line.",
            customer_centred="Around customer journeys.",
            question="Who owns a customer's problem?",
        ),
    )

    assert response.status_code == 302
    reload(dimension)
    assert (
        dimension.name,
        dimension.product_centred,
        dimension.customer_centred,
        dimension.question,
    ) == (
        "How we are organised",
        "By product line.",
        "Around customer journeys.",
        "Who owns a customer's problem?",
    )


def test_a_dimension_without_a_name_is_refused_and_nothing_changes(
    facilitator_client, workshop, dimensions
):
    dimension = dimensions[1]

    response = facilitator_client.post(
        dimension_url("dimension_edit", workshop, dimension),
        edit_data(dimension, name="   ", question="Changed?"),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field__error" role="alert">This field is required.' in html
    assert f'id="dimension-{dimension.pk}"' in html
    reload(dimension)
    assert (dimension.name, dimension.question) == ("Structure", dimensions[1].question)


def test_another_facilitator_cannot_reword_a_dimension(
    client, other_facilitator, workshop, dimensions
):
    client.force_login(other_facilitator)
    dimension = dimensions[1]

    response = client.post(
        dimension_url("dimension_edit", workshop, dimension), edit_data(dimension, name="Hacked")
    )

    assert response.status_code == 404
    assert reload(dimension).name == "Structure"


def test_the_facilitator_moves_a_dimension_down_and_up(
    facilitator_client, workshop, paradigm, dimensions
):
    first, second, third = (d.name for d in dimensions[:3])

    facilitator_client.post(
        dimension_url("dimension_move", workshop, dimensions[0]), {"direction": "down"}
    )
    assert names(paradigm)[:3] == [second, first, third]

    facilitator_client.post(
        dimension_url("dimension_move", workshop, dimensions[2]), {"direction": "up"}
    )
    assert names(paradigm)[:3] == [second, third, first]


def test_moving_the_last_dimension_down_changes_nothing(
    facilitator_client, workshop, paradigm, dimensions
):
    before = names(paradigm)

    facilitator_client.post(
        dimension_url("dimension_move", workshop, dimensions[-1]), {"direction": "down"}
    )
    facilitator_client.post(
        dimension_url("dimension_move", workshop, dimensions[0]), {"direction": "sideways"}
    )

    assert names(paradigm) == before


def test_the_deck_follows_the_new_order(facilitator_client, workshop, facilitator, dimensions):
    purpose, structure, leadership = dimensions[:3]
    facilitator_client.post(
        dimension_url("dimension_move", workshop, purpose), {"direction": "down"}
    )
    paradigm = purpose.activity
    services.goto_activity(workshop, facilitator, paradigm.pk)
    workshop.refresh_from_db()
    services.goto_dimension(workshop, facilitator, structure.pk)

    shown = []
    for _ in range(2):
        services.step_activity(workshop, facilitator, +1)
        shown.append(reload(paradigm).current_dimension)

    assert shown == [purpose, leadership]


def test_another_facilitator_cannot_move_a_dimension(
    client, other_facilitator, workshop, paradigm, dimensions
):
    client.force_login(other_facilitator)
    before = names(paradigm)

    response = client.post(
        dimension_url("dimension_move", workshop, dimensions[0]), {"direction": "down"}
    )

    assert response.status_code == 404
    assert names(paradigm) == before


def test_the_facilitator_removes_a_dimension(facilitator_client, workshop, paradigm, dimensions):
    response = facilitator_client.post(dimension_url("dimension_remove", workshop, dimensions[3]))

    assert response.status_code == 302
    assert not WorkshopDimension.objects.filter(pk=dimensions[3].pk).exists()
    assert "Decision making" not in names(paradigm)
    assert len(names(paradigm)) == len(dimensions) - 1
    # The slide on screen was another one: it stays.
    assert reload(paradigm).current_dimension == dimensions[0]


def test_removing_the_dimension_on_screen_moves_the_deck_to_the_first(
    facilitator_client, workshop, facilitator, paradigm, dimensions
):
    services.goto_dimension(workshop, facilitator, dimensions[4].pk)

    facilitator_client.post(dimension_url("dimension_remove", workshop, dimensions[4]))

    assert reload(paradigm).current_dimension == dimensions[0]


def test_removing_a_dimension_removes_its_ratings(
    facilitator_client, workshop, participant, dimensions
):
    rate(workshop, participant, dimensions[0], 2, 6)
    rate(workshop, participant, dimensions[1], 2, 6)

    facilitator_client.post(dimension_url("dimension_remove", workshop, dimensions[0]))

    assert list(Rating.objects.values_list("dimension", flat=True)) == [dimensions[1].pk]


def test_another_facilitator_cannot_remove_a_dimension(
    client, other_facilitator, workshop, paradigm, dimensions
):
    client.force_login(other_facilitator)

    response = client.post(dimension_url("dimension_remove", workshop, dimensions[0]))

    assert response.status_code == 404
    assert paradigm.dimensions.count() == len(dimensions)


def test_a_dimension_cannot_be_reached_through_another_workshop(
    client, other_facilitator, other_workshop, workshop, dimensions
):
    """The other facilitator's own workshop id with this workshop's dimension: still a 404."""
    client.force_login(other_facilitator)

    for name in ("dimension_edit", "dimension_move", "dimension_remove"):
        response = client.post(
            reverse(name, args=[other_workshop.pk, dimensions[0].pk]),
            {**edit_data(dimensions[0], name="Hacked"), "direction": "down"},
        )
        assert response.status_code == 404, name
    assert reload(dimensions[0]).name == "Purpose and strategy"
    assert reload(dimensions[0]).position == 0


@pytest.mark.parametrize("title", ["Mixed signals", "Why customer culture?"])
def test_dimensions_are_only_added_to_the_paradigm_comparison(
    facilitator_client, workshop, facilitator, participant, title
):
    """A dimension on a board or a prompt would count in the gaps and put a rating control on
    the phones during that activity."""
    other = workshop.activities.get(title=title)
    services.goto_activity(workshop, facilitator, other.pk)
    workshop.refresh_from_db()

    facilitator_client.post(
        reverse("dimension_add", args=[workshop.pk, other.pk]),
        {"source": ParadigmDimension.objects.first().pk},
    )

    assert not other.dimensions.exists()
    assert reload(other).current_dimension is None
    assert 'id="my-rating-' not in screens.phone_snapshot(reload(workshop), participant)


# The gaps slide and the results page ---------------------------------------------------------


@pytest.fixture
def rated(workshop, dimensions) -> dict[str, WorkshopDimension]:
    """Three rated dimensions: Structure has the biggest gap, Leadership the most disagreement."""
    purpose, structure, leadership = dimensions[:3]
    rate_all(workshop, purpose, [(3, 5), (3, 5), (4, 5)])  # gap 1.7, spread 0.5
    rate_all(workshop, structure, [(1, 7), (2, 7), (1, 6)])  # gap 5.3, spread 0.5
    rate_all(workshop, leadership, [(1, 6), (7, 7), (4, 5)])  # gap 2.0, spread 2.4
    return {"purpose": purpose, "structure": structure, "leadership": leadership}


def in_order(html: str, *texts: str) -> bool:
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


def section_after(html: str, heading: str) -> str:
    start = html.index(heading)
    return html[start : html.index("</ol>", start)]


def test_the_gaps_slide_ranks_the_dimensions(workshop, facilitator, rated):
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    context = live.stage_context(workshop)
    for template in (screens.PRESENTER_STAGE, screens.PHONE_STAGE):
        html = render_to_string(template, context)
        assert GAPS_TITLE in html
        by_gap = text_of(section_after(html, "Biggest gaps"))
        by_spread = text_of(section_after(html, "Where we disagree most about today"))
        assert in_order(by_gap, "Structure", "Leadership behaviour", "Purpose and strategy")
        assert "1.3 → 6.7 +5.3" in by_gap
        assert in_order(by_spread, "Leadership behaviour", "Purpose and strategy", "Structure")
        assert "spread 2.4 · 3 ratings" in by_spread
        # Dimensions nobody rated are left out.
        assert "Decision making" not in html


def test_the_presenter_page_shows_the_gaps_slide(facilitator_client, workshop, facilitator, rated):
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)

    response = facilitator_client.get(reverse("present", args=[workshop.pk]))

    html = response.content.decode()
    assert in_order(
        text_of(section_after(html, "Biggest gaps")),
        "Structure",
        "Leadership behaviour",
        "Purpose and strategy",
    )


def test_the_gaps_slide_before_any_rating_says_so(workshop, facilitator, dimensions):
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    html = render_to_string(screens.PRESENTER_STAGE, live.stage_context(workshop))

    assert "No ratings yet" in html
    assert "Biggest gaps" not in html


def test_a_backward_gap_is_shown_with_a_minus_sign_only(workshop, facilitator, dimensions):
    """Someone may want less than today: the gap is negative, never "+-"."""
    rate_all(workshop, dimensions[0], [(6, 4)])
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    html = render_to_string(screens.PRESENTER_STAGE, live.stage_context(workshop))

    assert "6.0 → 4.0" in text_of(html)
    assert "+-" not in html
    assert re.search(r"[-−]2\.0", text_of(html))


def test_the_results_page_keeps_the_paradigm_summary(facilitator_client, workshop, rated):
    response = facilitator_client.get(reverse("workshop_results", args=[workshop.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Paradigm comparison" in html
    by_gap = text_of(section_after(html, "Biggest gaps"))
    assert in_order(by_gap, "Structure", "Leadership behaviour", "Purpose and strategy")
    assert "Structure +5.3" in by_gap
    by_spread = text_of(section_after(html, "Most disagreement"))
    assert in_order(by_spread, "Leadership behaviour", "Purpose and strategy", "Structure")
    assert "Leadership behaviour spread 2.4" in by_spread
    # The table has every dimension, in the deck's order, with dashes where nobody rated.
    table = text_of(html[html.index("<table") : html.index("</table>")])
    assert "Structure 3 1.3 6.7 5.3 0.5" in table
    assert "Decision making 0 – – – –" in table
    assert in_order(table, *FULL_PACKAGE[:4])


def test_the_results_page_of_another_facilitator_is_not_found(
    client, other_facilitator, workshop, rated
):
    client.force_login(other_facilitator)

    response = client.get(reverse("workshop_results", args=[workshop.pk]))

    assert response.status_code == 404


def test_the_results_page_shows_a_backward_gap_with_a_minus_sign_only(
    facilitator_client, workshop, dimensions
):
    rate_all(workshop, dimensions[0], [(6, 4)])

    html = facilitator_client.get(reverse("workshop_results", args=[workshop.pk])).content.decode()

    assert "+-" not in html
    assert re.search(r"Purpose and strategy [-−]2\.0", text_of(section_after(html, "Biggest")))


def test_dimension_names_are_escaped_on_the_gaps_slide(workshop, facilitator, dimensions):
    services.update_dimension(
        dimensions[0],
        facilitator,
        name="<b>Bold</b> & brave",
        product_centred="a",
        customer_centred="b",
        question="",
    )
    rate_all(workshop, dimensions[0], [(2, 5)])
    gaps = workshop.activities.get(kind="gaps")
    services.goto_activity(workshop, facilitator, gaps.pk)
    workshop.refresh_from_db()

    html = render_to_string(screens.PRESENTER_STAGE, live.stage_context(workshop))

    assert escape("<b>Bold</b> & brave") in html
    assert "<b>Bold</b>" not in html
