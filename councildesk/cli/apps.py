from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "councildesk.cli"
    label = "cli"
