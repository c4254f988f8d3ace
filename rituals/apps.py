from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rituals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from workshops import links

        # Each module registers its activity kinds with the core's registry.
        from .kinds import design, library, norms, start, vision, way_of_working  # noqa: F401

        links.register_site_link(_("Ritual library"), "ritual_list", position=10)
