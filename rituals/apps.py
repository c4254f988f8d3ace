from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rituals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from workshops import links

        # Each import registers its activity kinds (workshops.kinds.register).
        from .kinds import design  # noqa: F401

        links.register_site_link("Ritual library", "ritual_list", position=10)
