"""Pages under /c/<slug>/wards/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.wards_index, name="wards"),
    path("matters/new/", v.matter_new, name="ward_matter_new"),
    path("matters/<int:matter_id>/", v.matter_detail, name="ward_matter"),
    path("matters/<int:matter_id>/public/", v.matter_public, name="ward_matter_public"),
    path("meetings/new/", v.meeting_new, name="public_meeting_new"),
    path("meetings/<int:meeting_id>/officer/", v.meeting_officer, name="public_meeting_officer"),
    path("visits/new/", v.visit_new, name="premises_visit_new"),
    path("visits/<int:visit_id>/", v.visit_detail, name="premises_visit"),
    path("resources/", v.resources_index, name="resources"),
    path("resources/request/", v.resource_request_new, name="resource_request_new"),
    path("resources/ledger/new/", v.ledger_new, name="resource_ledger_new"),
    path("resources/ict/", v.ict_rules, name="ict_rules"),
]
