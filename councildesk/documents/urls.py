"""Pages under /c/<slug>/documents/."""

from django.urls import path

from . import request_views as r
from . import views as v

urlpatterns = [
    path("", v.document_list, name="documents"),
    path("upload/", v.document_upload, name="document_upload"),
    path("<int:doc_id>/", v.document_detail, name="document"),
    path("<int:doc_id>/file/", v.document_download, name="document_download"),
    path("<int:doc_id>/reclassify/", v.document_reclassify, name="document_reclassify"),
    path("<int:doc_id>/onward/", v.document_onward, name="document_onward"),
    path("agenda/", v.meeting_items, name="meeting_items"),
    path("agenda/new/", v.meeting_item_new, name="meeting_item_new"),
    path("agenda/<int:item_id>/request/", r.request_new, name="document_request_new"),
    path("requests/", r.request_list, name="document_requests"),
    path("requests/<int:request_id>/", r.request_detail_page, name="document_request"),
    path("requests/<int:request_id>/consult/", r.request_consult, name="document_request_consult"),
    path("requests/<int:request_id>/decide/", r.request_decide, name="document_request_decide"),
    path("requests/<int:request_id>/challenge/", r.request_challenge, name="document_request_challenge"),
    path("log/", v.disclosure_log, name="disclosure_log"),
    path("log.csv", v.disclosure_log_csv, name="disclosure_log_csv"),
    path("statutory/", r.statutory_list, name="statutory_requests"),
    path("statutory/new/", r.statutory_new, name="statutory_request_new"),
]
