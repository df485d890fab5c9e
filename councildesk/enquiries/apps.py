from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "councildesk.enquiries"
    default_auto_field = "django.db.models.BigAutoField"
