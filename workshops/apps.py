from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        # The core's own activity kinds register like any module's.
        from . import signals  # noqa: F401
        from .kinds import boards, explainers, paradigm, slides  # noqa: F401
        from .live.viewers import close_presenters_on_logout

        user_logged_out.connect(close_presenters_on_logout, dispatch_uid="close_presenters")
