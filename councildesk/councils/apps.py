from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councildesk.councils"
    label = "councils"
