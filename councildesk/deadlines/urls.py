"""Pages under /c/<slug>/deadlines/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
