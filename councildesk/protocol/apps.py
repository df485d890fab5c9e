from django.apps import AppConfig


class ProtocolConfig(AppConfig):
    name = "councildesk.protocol"
    label = "protocol"
