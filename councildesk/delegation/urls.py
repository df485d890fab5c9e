"""Pages under /c/<slug>/delegation/ (signed in) and /c/<slug>/transparency/ (public, see config/urls.py)."""

from django.urls import path

from . import resolution_views as rv
from . import views as v

urlpatterns = [
    path("", v.decision_list, name="delegation"),
    path("new/", v.decision_new, name="delegation_new"),
    path("<int:decision_id>/", v.decision_detail, name="delegation_decision"),
    path("<int:decision_id>/explain/", rv.explain, name="delegation_explain"),
    path("explanations/<int:explanation_id>/", rv.answer, name="delegation_answer"),
    path("resolutions/", rv.resolution_list, name="delegation_resolutions"),
    path("resolutions/new/", rv.resolution_new, name="delegation_resolution_new"),
    path("resolutions/<int:resolution_id>/", rv.resolution_detail, name="delegation_resolution"),
    path("remits/", rv.remit_list, name="delegation_remits"),
]
