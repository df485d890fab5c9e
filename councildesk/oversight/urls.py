"""Pages under /c/<slug>/monitoring/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.monitoring_overview, name="monitoring_overview"),
]
