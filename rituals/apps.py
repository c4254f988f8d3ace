from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rituals"
    default_auto_field = "django.db.models.BigAutoField"
