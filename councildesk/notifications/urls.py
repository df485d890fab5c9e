"""Pages under /c/<slug>/notifications/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
