"""The morning module tells the paradigm story: an explainer deck instead of the "Why customer
culture?" prompt, and the full package of both paradigms after the dimension deck."""

from django.db import migrations
from django.utils.translation import gettext_noop

from workshops.explainers import PARADIGM_EXPLAINER

MORNING = ("understand-customer-culture", "full-customer-culture-day")
EXPLAINER = {
    "kind": "explainer",
    "title": gettext_noop("Why customer culture?"),
    "minutes": 15,
    "slides": PARADIGM_EXPLAINER,
}
PACKAGE = {"kind": "package", "title": gettext_noop("The full package"), "minutes": 10}


def tell_the_story(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.filter(slug__in=MORNING):
        agenda = []
        for item in template.agenda:
            if (item.get("kind"), item.get("title")) == ("prompt", "Why customer culture?"):
                item = EXPLAINER
            agenda.append(item)
            if item.get("kind") == "paradigm":
                # The deck gives ten minutes to the slide that shows it whole.
                agenda[-1] = {**item, "minutes": max(item.get("minutes", 60) - 10, 10)}
                agenda.append(PACKAGE)
        template.agenda = agenda
        template.save(update_fields=["agenda"])


def untell(apps, schema_editor):
    WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
    for template in WorkshopTemplate.objects.filter(slug__in=MORNING):
        agenda = []
        for item in template.agenda:
            if item.get("kind") == "package":
                continue
            if item.get("kind") == "explainer":
                item = {
                    "kind": "prompt",
                    "title": gettext_noop("Why customer culture?"),
                    "minutes": 15,
                }
            if item.get("kind") == "paradigm":
                item = {**item, "minutes": item.get("minutes", 50) + 10}
            agenda.append(item)
        template.agenda = agenda
        template.save(update_fields=["agenda"])


class Migration(migrations.Migration):
    dependencies = [("workshops", "0007_explainer_slides")]

    operations = [migrations.RunPython(tell_the_story, untell)]
