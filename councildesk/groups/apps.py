from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "councildesk.groups"
    default_auto_field = "django.db.models.BigAutoField"
