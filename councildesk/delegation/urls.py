"""Pages under /c/<slug>/delegation/ (signed in) and /c/<slug>/transparency/ (public, see config/urls.py)."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.decision_list, name="delegation"),
    path("new/", v.decision_new, name="delegation_new"),
    path("<int:decision_id>/", v.decision_detail, name="delegation_decision"),
]
