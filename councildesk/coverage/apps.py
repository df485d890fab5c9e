from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "councildesk.coverage"
    label = "coverage"
