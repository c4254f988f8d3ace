"""Every form, fuzzed: each form class on its own, and each page that takes a form through its
real view.

What a browser can post is text: each field missing, once, or several times, with any text
(direction marks, zero-width characters, NUL, markup, 5,000 characters, ids of this workshop
and of another, the field's own choices), and raw bytes that are not UTF-8. The properties:
never a server error; an invalid form comes back with its errors shown where it was; another
facilitator's workshop is exactly as before.
"""

from __future__ import annotations

import importlib
import inspect
from urllib.parse import quote

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from culture_program.models import CultureProgram
from rituals.models import Ritual
from tests.conftest import make_facilitator, participant_cookie
from tests.filled import fill_workshop, picture_bytes
from workshops import backup, kinds

from .conftest import count, rows_of
from .strategies import NASTY_TEXT, examples, text

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

FORM_MODULES = [
    "workshops.forms",
    "workshops.picture_forms",
    "rituals.forms",
    "rituals.kinds.design_forms",
    "rituals.kinds.vision_forms",
    "culture_program.forms",
]
DIRECT_EXAMPLES = 30
PAGE_EXAMPLES = 12
# Bytes no UTF-8 decoder accepts, as a browser (or a script) could still send them.
NOT_UTF8 = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"caf\xe9", b"\x80abc"]


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == name
            ):
                found.append(value)
    return found


# Posted values ------------------------------------------------------------------------------


def posted_values(field: forms.Field, ids: list[int]) -> st.SearchStrategy[list]:
    """What a post can carry for one field: nothing, one value, or several; text or bytes."""
    one = [
        text(surrogates=False),
        st.sampled_from(ids or [1]).map(str),
        st.sampled_from(NOT_UTF8),
        st.sampled_from(["on", "true", "0", "-1", "2026-12-01", "2026-02-30", "9" * 25]),
    ]
    choices = getattr(field, "choices", None)
    if choices is not None:
        try:
            values = [str(getattr(value, "value", value)) for value, _label in choices]
        except (TypeError, ValueError):
            values = []
        if values:
            one.append(st.sampled_from(values))
    value = st.one_of(*one)
    return st.one_of(
        st.just([]), st.lists(value, min_size=1, max_size=1), st.lists(value, max_size=3)
    )


def posts(fields: dict[str, forms.Field], ids: list[int], prefix: str = "") -> st.SearchStrategy:
    def name(field_name: str) -> str:
        return f"{prefix}-{field_name}" if prefix else field_name

    return st.fixed_dictionaries(
        {name(field_name): posted_values(field, ids) for field_name, field in fields.items()}
    )


def as_text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def query_dict(post: dict[str, list]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in post.items():
        if values:
            data.setlist(key, [as_text(value) for value in values])
    return data


def urlencoded(post: dict[str, list]) -> bytes:
    """The body a browser posts, with bytes that are not UTF-8 left as they are."""
    pairs = []
    for key, values in post.items():
        for value in values:
            raw = value if isinstance(value, bytes) else value.encode("utf-8")
            pairs.append(f"{quote(key)}={quote(raw)}")
    return "&".join(pairs).encode("ascii")


# Each form class on its own -----------------------------------------------------------------


@pytest.fixture
def filled(facilitator):
    return fill_workshop(facilitator)


@pytest.fixture
def other(db):
    return fill_workshop(make_facilitator("Olga"), "Someone else's day")


def constructors(filled) -> dict[str, object]:
    """How to make each form that needs more than its data (a view passes the same)."""
    workshop = filled.workshop
    program = CultureProgram.objects.get(workshop=workshop)
    board = filled.activities["board"]
    design = filled.activities["ritual_design"]
    return {
        "EmailAuthenticationForm": lambda data: forms_module(
            "workshops.forms"
        ).EmailAuthenticationForm(None, data=data),
        "BoardSettingsForm": lambda data: forms_module("workshops.forms").BoardSettingsForm(
            data, instance=board
        ),
        "PromoteIdeasForm": lambda data: forms_module("rituals.forms").PromoteIdeasForm(
            data, workshop=workshop
        ),
        "MoveMemberForm": lambda data: forms_module("rituals.forms").MoveMemberForm(
            data, activity=design
        ),
        "StartRitualForm": lambda data: forms_module("rituals.forms").StartRitualForm(
            data, workshop=workshop
        ),
        "PromoteSettingsForm": lambda data: forms_module(
            "rituals.kinds.design_forms"
        ).PromoteSettingsForm(data, instance=design),
        "culture_program.RitualForm": lambda data: forms_module("culture_program.forms").RitualForm(
            data, program=program
        ),
        "MilestoneForm": lambda data: forms_module("culture_program.forms").MilestoneForm(
            data, program=program
        ),
        "MetricForm": lambda data: forms_module("culture_program.forms").MetricForm(
            data, program=program
        ),
    }


def forms_module(name: str):
    return importlib.import_module(name)


def build(form_class, data, table):
    qualified = f"{form_class.__module__.split('.')[0]}.{form_class.__name__}"
    make = table.get(qualified) or table.get(form_class.__name__)
    return make(data) if make else form_class(data)


def test_every_form_class_validates_fuzzed_posts_without_failing(filled, other):
    table = constructors(filled)
    ids = ids_of(filled, other)
    checked = 0
    for form_class in form_classes():
        fields = build(form_class, None, table).fields
        for post in examples(posts(fields, ids), DIRECT_EXAMPLES):
            form = build(form_class, query_dict(post), table)
            valid = form.is_valid()  # must not raise
            if not valid:
                for name, errors in form.errors.items():
                    assert errors and all(str(error).strip() for error in errors), (
                        form_class,
                        name,
                        post,
                    )
            checked += 1
    count("form validations", checked)
    assert len(form_classes()) >= 60


def ids_of(*rooms) -> list[int]:
    return sorted(
        {pk for room in rooms for rows in backup.collect(room.workshop).values() for pk in rows}
    )


# Every page that takes a form, through its view --------------------------------------------


def page_forms(filled) -> list[tuple[str, str, str, dict[str, forms.Field], str]]:
    """(what, url, who posts, fields, prefix) for every view that reads a form."""
    from culture_program import forms as program_forms
    from rituals import forms as ritual_forms
    from workshops import forms as core_forms
    from workshops import picture_forms

    workshop = filled.workshop
    pk = workshop.pk
    program = CultureProgram.objects.get(workshop=workshop)
    board = filled.activities["board"]
    paradigm = filled.activities["paradigm"]
    explainer = filled.activities["explainer"]
    dimension = paradigm.dimensions.first()
    slide = explainer.slides.first()
    ritual = Ritual.objects.first()
    facilitator = "facilitator"
    rows = [
        ("signup", reverse("signup"), "anonymous", core_forms.SignUpForm.base_fields, ""),
        (
            "login",
            reverse("login"),
            "anonymous",
            core_forms.EmailAuthenticationForm(None).fields,
            "",
        ),
        (
            "password_reset",
            reverse("password_reset"),
            "anonymous",
            {"email": forms.EmailField()},
            "",
        ),
        ("join", reverse("join"), "anonymous", core_forms.JoinCodeForm.base_fields, ""),
        (
            "join_link",
            reverse("join_link", args=[workshop.room_code]),
            "anonymous",
            core_forms.DisplayNameForm.base_fields,
            "",
        ),
        (
            "picture_upload",
            reverse("picture_upload", args=[workshop.room_code]),
            "participant",
            picture_forms.PictureNoteForm.base_fields,
            "",
        ),
        (
            "workshop_new",
            reverse("workshop_new"),
            facilitator,
            core_forms.NewWorkshopForm.base_fields,
            "",
        ),
        (
            "workshop_detail",
            reverse("workshop_detail", args=[pk]),
            facilitator,
            core_forms.WorkshopForm.base_fields,
            "",
        ),
        (
            "activity_add",
            reverse("activity_add", args=[pk]),
            facilitator,
            core_forms.NewActivityForm().fields,
            "",
        ),
        (
            "activity_edit",
            reverse("activity_edit", args=[pk, board.pk]),
            facilitator,
            core_forms.ActivityForm.base_fields,
            f"activity-{board.pk}",
        ),
        (
            "activity_move",
            reverse("activity_move", args=[pk, board.pk]),
            facilitator,
            core_forms.MoveActivityForm.base_fields,
            "",
        ),
        (
            "dimension_add",
            reverse("dimension_add", args=[pk, paradigm.pk]),
            facilitator,
            core_forms.AddDimensionForm.base_fields,
            "",
        ),
        (
            "dimension_edit",
            reverse("dimension_edit", args=[pk, dimension.pk]),
            facilitator,
            core_forms.DimensionForm.base_fields,
            f"dimension-{dimension.pk}",
        ),
        (
            "dimension_move",
            reverse("dimension_move", args=[pk, dimension.pk]),
            facilitator,
            core_forms.MoveActivityForm.base_fields,
            "",
        ),
        (
            "slide_add",
            reverse("slide_add", args=[pk, explainer.pk]),
            facilitator,
            core_forms.NewSlideForm.base_fields,
            "",
        ),
        (
            "slide_edit",
            reverse("slide_edit", args=[pk, slide.pk]),
            facilitator,
            core_forms.SlideForm.base_fields,
            f"slide-{slide.pk}",
        ),
        (
            "slide_move",
            reverse("slide_move", args=[pk, slide.pk]),
            facilitator,
            core_forms.MoveActivityForm.base_fields,
            "",
        ),
        ("ritual_new", reverse("ritual_new"), facilitator, ritual_forms.RitualForm.base_fields, ""),
        (
            "ritual_edit",
            reverse("ritual_edit", args=[ritual.slug]),
            facilitator,
            ritual_forms.RitualForm.base_fields,
            "",
        ),
        (
            "program_details",
            reverse("program_details", args=[pk]),
            facilitator,
            program_forms.ProgramForm.base_fields,
            "program",
        ),
    ]
    for activity in workshop.activities.order_by("position"):
        kind = kinds.get(activity.kind)
        if kind.settings_form is None or any(row[0] == f"settings:{kind.key}" for row in rows):
            continue
        form = kind.settings_form(None, instance=activity)
        rows.append(
            (
                f"settings:{kind.key}",
                reverse("activity_settings", args=[pk, activity.pk]),
                facilitator,
                form.fields,
                f"settings-{activity.pk}",
            )
        )
    for part, form_class, items in (
        ("rituals", program_forms.RitualForm, program.rituals),
        ("milestones", program_forms.MilestoneForm, program.milestones),
        ("metrics", program_forms.MetricForm, program.metrics),
    ):
        fields = form_class(program=program).fields
        rows.append(
            (
                f"program_part_add:{part}",
                reverse("program_part_add", args=[pk, part]),
                facilitator,
                fields,
                f"new-{part}",
            )
        )
        item = items.first()
        rows.append(
            (
                f"program_part_edit:{part}",
                reverse("program_part_edit", args=[pk, part, item.pk]),
                facilitator,
                fields,
                f"{part}-{item.pk}",
            )
        )
    return rows


def client_for(who: str, filled) -> Client:
    client = Client()
    if who == "facilitator":
        client.force_login(filled.workshop.facilitator)
    elif who == "participant":
        from django.conf import settings

        client.cookies[settings.PARTICIPANT_COOKIE] = participant_cookie(filled.participants[0])
    return client


def bound_forms(context) -> list[forms.BaseForm]:
    if context is None:
        return []
    found = []
    for layer in context:
        for value in layer.dicts if hasattr(layer, "dicts") else [layer]:
            if not isinstance(value, dict):
                continue
            for item in value.values():
                if isinstance(item, forms.BaseForm) and item.is_bound:
                    found.append(item)
    return found


def check_errors_shown(response, post) -> None:
    """An invalid form that comes back is shown with its errors in place."""
    if response.status_code not in (200, 400) or not response.get("Content-Type", "").startswith(
        "text/html"
    ):
        return
    page = response.content.decode()
    for form in bound_forms(response.context):
        # Each field shows its first error beside it; the form's own errors on top.
        for errors in form.errors.values():
            assert escape(errors[0]) in page, (errors[0], post)


def test_the_page_form_table_covers_every_view_that_reads_a_form(filled):
    covered = {row[0].split(":")[0] for row in page_forms(filled)}
    # Views that take posted fields; the rest post nothing or only buttons (see the matrix).
    assert covered >= {
        "signup", "login", "password_reset", "join", "join_link", "picture_upload",
        "workshop_new", "workshop_detail", "activity_add", "activity_edit", "activity_move",
        "settings", "dimension_add", "dimension_edit",
        "dimension_move", "slide_add", "slide_edit", "slide_move", "ritual_new", "ritual_edit",
        "program_details", "program_part_add", "program_part_edit",
    }  # fmt: skip
    settings_kinds = {row[0].split(":")[1] for row in page_forms(filled) if ":" in row[0]}
    assert {kind.key for kind in kinds.all_kinds() if kind.settings_form} <= settings_kinds


def test_every_page_form_survives_fuzzed_posts_and_shows_its_errors(filled, other, settings):
    settings.MEDIA_ROOT = str(settings.BASE_DIR / "test-results" / "fuzz-media")
    other_before = rows_of(other.workshop)
    ids = ids_of(filled, other)
    posted = 0
    for what, url, who, fields, prefix in page_forms(filled):
        client = client_for(who, filled)
        for post in examples(posts(fields, ids, prefix), PAGE_EXAMPLES):
            if what == "picture_upload":
                data = {key: [as_text(value) for value in values] for key, values in post.items()}
                data.pop("image", None)
                data["image"] = SimpleUploadedFile(
                    "photo.jpg",
                    picture_bytes() if len(post.get("image", [])) == 1 else b"\x89PNG junk",
                    content_type="image/jpeg",
                )
                response = client.post(url, data)
            else:
                response = client.post(
                    url, urlencoded(post), content_type="application/x-www-form-urlencoded"
                )
            assert response.status_code < 500, (what, post)
            check_errors_shown(response, post)
            posted += 1
    # The library's filter is a GET form.
    client = client_for("facilitator", filled)
    for value in NASTY_TEXT + ["listening", "stories", "%ff"]:
        response = client.get(reverse("ritual_list"), {"pillar": value})
        assert response.status_code == 200
        posted += 1
    count("form posts", posted)
    assert rows_of(other.workshop) == other_before


# What the fuzzer found ----------------------------------------------------------------------


def test_a_bad_column_colour_or_name_is_shown_beside_the_column(filled):
    workshop, board = filled.workshop, filled.activities["board"]
    client = client_for("facilitator", filled)
    before = list(board.columns.values_list("title", "colour"))
    prefix = f"settings-{board.pk}"
    post = {
        f"{prefix}-column_0_title": "x" * 81,
        f"{prefix}-column_0_colour": "yellow",
        f"{prefix}-column_1_title": "Helps",
        f"{prefix}-column_1_colour": "true",
        f"{prefix}-votes_per_person": "3",
        f"{prefix}-notes_per_person": "5",
        f"{prefix}-max_note_length": "200",
    }
    response = client.post(reverse("activity_settings", args=[workshop.pk, board.pk]), post)
    page = response.content.decode()
    assert "Keep a column&#x27;s name to 80 characters or fewer." in page
    assert "Pick one of the colours in the list." in page
    assert list(board.columns.values_list("title", "colour")) == before


def test_an_idea_id_larger_than_any_column_is_refused_not_looked_up(filled):
    from rituals.forms import PromoteIdeasForm

    data = QueryDict(mutable=True)
    data.setlist("notes", ["9" * 25])
    form = PromoteIdeasForm(data, workshop=filled.workshop)
    assert not form.is_valid()
    assert form.errors["notes"] == ["One of those ideas is no longer on the board."]
