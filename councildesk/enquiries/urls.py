"""Pages under /c/<slug>/enquiries/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
