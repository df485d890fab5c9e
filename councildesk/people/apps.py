from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "councildesk.people"
    label = "people"
