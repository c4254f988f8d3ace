"""Vision statements: groups draft one from the vision board's notes, the room votes, the
facilitator finalises one. The "Understand customer culture" and full-day templates run it right
after the vision board, which gives it 15 of its 30 minutes (the morning still adds up to 3 hours).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.translation import gettext_noop

TEMPLATES = ("understand-customer-culture", "full-customer-culture-day")
VISION_BOARD = "Vision: two years from now"
STATEMENT = {
    "kind": "vision_statement",
    "title": gettext_noop("Our vision statement"),
    "prompt": gettext_noop(
        "In your group, turn the vision board into one or two sentences everyone in the "
        "company could repeat: what customers experience with us two years from now. Then vote for "
        "the draft that says it best."
    ),
    "minutes": 15,
}


def add_statement(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.filter(slug__in=TEMPLATES):
        titles = [item.get("title") for item in template.agenda]
        if VISION_BOARD not in titles or STATEMENT["title"] in titles:
            continue
        at = titles.index(VISION_BOARD)
        agenda = list(template.agenda)
        agenda[at] = {**agenda[at], "minutes": 15}
        agenda.insert(at + 1, dict(STATEMENT))
        template.agenda = agenda
        template.save(update_fields=["agenda"])


def remove_statement(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.filter(slug__in=TEMPLATES):
        agenda = [item for item in template.agenda if item.get("title") != STATEMENT["title"]]
        agenda = [
            {**item, "minutes": 30} if item.get("title") == VISION_BOARD else item
            for item in agenda
        ]
        if agenda != template.agenda:
            template.agenda = agenda
            template.save(update_fields=["agenda"])


class Migration(migrations.Migration):
    dependencies = [
        ("rituals", "0003_template_agendas"),
        ("workshops", "0009_vision_board_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="VisionDraft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("version", models.PositiveIntegerField(default=0)),
                ("updated_by", models.CharField(blank=True, max_length=80)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="vision_drafts",
                        to="workshops.activity",
                    ),
                ),
                (
                    "group",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="vision_draft",
                        to="rituals.ritualgroup",
                    ),
                ),
            ],
            options={
                "ordering": ["group__position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="VisionStatement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("voting_open", models.BooleanField(default=False)),
                ("finalised_at", models.DateTimeField(blank=True, null=True)),
                (
                    "activity",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="vision_statement",
                        to="workshops.activity",
                    ),
                ),
                (
                    "finalised_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="VisionVote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="workshops.activity",
                    ),
                ),
                (
                    "draft",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="votes",
                        to="rituals.visiondraft",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="vision_votes",
                        to="workshops.participant",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("activity", "participant"), name="one_vision_vote_per_person"
                    )
                ],
            },
        ),
        migrations.RunPython(add_statement, remove_statement),
    ]
