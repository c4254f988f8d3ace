from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The core's own activity kinds register like any module's.
        from . import signals  # noqa: F401
        from .kinds import boards, explainers, paradigm, slides  # noqa: F401
