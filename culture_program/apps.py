from django.apps import AppConfig


class CultureProgramConfig(AppConfig):
    name = "culture_program"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from workshops import links

        links.register_workshop_link("Results", "workshop_results", position=10)
        links.register_workshop_link("Culture program", "program_builder", position=20)
