from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "councildesk.audit"
    label = "audit"
