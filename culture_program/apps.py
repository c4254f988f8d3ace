from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureProgramConfig(AppConfig):
    name = "culture_program"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from workshops import links
        from workshops.models import Note

        from .report import delete_printed_picture

        post_delete.connect(
            delete_printed_picture, sender=Note, dispatch_uid="culture_program.printed_picture"
        )

        links.register_workshop_link(_("Results"), "workshop_results", position=10)
        links.register_workshop_link(_("Culture program"), "program_builder", position=20)
