"""Every built-in text the migrations store reads in Dutch on a Dutch screen.

Built-in content is stored in English and translated where it is shown (``|translated``, which
is ``gettext`` on the stored text). A migration text that was changed but not marked with
``gettext_noop`` (or not translated) would silently show in English: each test below finds such
a text by checking that ``gettext`` gives something other than the English under Dutch.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rituals.content import EXPLAINERS
from rituals.models import Pillar, Ritual
from workshops.explainers import DECKS
from workshops.models import ParadigmDimension, WorkshopTemplate
from workshops.models.paradigm import Pillar as DimensionPillar

pytestmark = pytest.mark.django_db


def untranslated(texts) -> list[str]:
    """The texts (skipping empty ones) that have no Dutch translation."""
    with translation.override("nl"):
        return [text for text in texts if text and gettext(text) == text]


def slide_texts(slides) -> list[str]:
    return [slide[field] for slide in slides for field in ("heading", "body", "speaker_notes")]


def agenda_texts(agenda) -> list[str]:
    texts = []
    for item in agenda:
        texts += [item.get("title", ""), item.get("prompt", "")]
        texts += [column[0] for column in item.get("columns", [])]
        texts += slide_texts(item.get("slides", []))
    return texts


def test_every_paradigm_dimension_reads_in_dutch():
    dimensions = list(ParadigmDimension.objects.all())
    assert len(dimensions) >= 20
    texts = [
        getattr(dimension, field)
        for dimension in dimensions
        for field in ("name", "product_centred", "customer_centred", "question")
    ]
    assert untranslated(texts) == []


def test_the_pillar_labels_of_the_dimensions_read_in_dutch():
    assert untranslated([str(label) for _value, label in DimensionPillar.choices]) == []


def test_every_workshop_template_reads_in_dutch():
    templates = list(WorkshopTemplate.objects.all())
    assert {t.slug for t in templates} >= {
        "understand-customer-culture",
        "customer-rituals",
        "full-customer-culture-day",
    }
    texts = []
    for template in templates:
        texts += [template.name, template.description, *agenda_texts(template.agenda)]
    assert untranslated(texts) == []


def test_the_templates_explainer_slides_are_all_in_the_catalogue():
    slides = [
        slide
        for template in WorkshopTemplate.objects.all()
        for item in template.agenda
        for slide in item.get("slides", [])
    ]
    assert len(slides) >= 14
    assert untranslated(slide_texts(slides)) == []


def test_the_explainer_decks_read_in_dutch():
    texts = [text for deck in DECKS.values() for text in slide_texts(deck)]
    for explainer in EXPLAINERS:
        texts += [explainer["title"], *slide_texts(explainer["slides"])]
    assert untranslated(texts) == []


def test_every_pillar_of_the_library_reads_in_dutch():
    pillars = list(Pillar.objects.all())
    assert len(pillars) == 4
    texts = [text for pillar in pillars for text in (pillar.name, pillar.description)]
    assert untranslated(texts) == []


def test_every_ritual_of_the_library_reads_in_dutch_step_by_step():
    rituals = list(Ritual.objects.all())
    assert len(rituals) >= 25
    texts = []
    for ritual in rituals:
        texts += [ritual.name, ritual.purpose, ritual.participants, ritual.needs]
        texts += [ritual.success_signal, *ritual.step_list]
    assert untranslated(texts) == []


def test_translations_keep_the_paragraphs_of_a_slide():
    body = DECKS["paradigm"][0]["body"]
    with translation.override("nl"):
        dutch = gettext(body)
    assert dutch.count("\n\n") == body.count("\n\n") == 1
    assert dutch.startswith("Een cultuur is")


def test_a_dutch_screen_shows_a_dimension_through_the_translated_filter():
    from django.template import Context, Template

    dimension = ParadigmDimension.objects.get(slug="structure")
    template = Template("{% load translated %}{{ dimension.name|translated }}")
    with translation.override("nl"):
        assert template.render(Context({"dimension": dimension})) == "Structuur"
    with translation.override("en"):
        assert template.render(Context({"dimension": dimension})) == "Structure"
