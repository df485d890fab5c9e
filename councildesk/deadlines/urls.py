"""Pages under /c/<slug>/deadlines/."""

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("", views.deadline_calculator, name="deadline_calculator"),
]
