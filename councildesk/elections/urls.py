"""Pages under /c/<slug>/elections/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.elections_index, name="elections"),
    path("new/", v.election_period_new, name="election_period_new"),
]
