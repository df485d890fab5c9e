from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "councildesk.core"
    label = "core"
