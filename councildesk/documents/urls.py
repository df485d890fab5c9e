"""Pages under /c/<slug>/documents/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
