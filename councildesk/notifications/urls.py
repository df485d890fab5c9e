"""Pages under /c/<slug>/notifications/."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("", views.notifications, name="notifications"),
    path("read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("<int:notification_id>/read/", views.notification_read, name="notification_read"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:email_id>/retry/", views.outbox_retry, name="outbox_retry"),
]
