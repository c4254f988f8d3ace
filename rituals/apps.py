from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rituals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each module registers its activity kinds with the core's registry.
        from .kinds import library, norms, start, way_of_working  # noqa: F401
