"""The templates' vision board becomes a "vision" board, whose notes the culture program takes
as the room's picture of the future (it behaves as any sticky-note board)."""

from django.db import migrations

TITLE = "Vision: two years from now"


def set_kind(kind):
    def run(apps, schema_editor):
        WorkshopTemplate = apps.get_model("workshops", "WorkshopTemplate")
        for template in WorkshopTemplate.objects.all():
            agenda = [
                {**item, "kind": kind} if item.get("title") == TITLE else item
                for item in template.agenda
            ]
            if agenda != template.agenda:
                template.agenda = agenda
                template.save(update_fields=["agenda"])

    return run


class Migration(migrations.Migration):
    dependencies = [("workshops", "0008_explainer_and_package_in_templates")]

    operations = [migrations.RunPython(set_kind("vision"), set_kind("board"))]
