from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "councildesk.api"
    label = "api"
