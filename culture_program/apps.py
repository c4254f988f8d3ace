from django.apps import AppConfig


class CultureProgramConfig(AppConfig):
    name = "culture_program"
    default_auto_field = "django.db.models.BigAutoField"
