from django.urls import path

from . import views

urlpatterns = [
    path("", views.coverage, name="protocol_coverage"),
    path("coverage.csv", views.coverage_csv, name="protocol_coverage_csv"),
]
