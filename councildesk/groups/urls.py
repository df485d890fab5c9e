"""Pages under /c/<slug>/groups/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.groups_index, name="groups"),
    path("service/", v.service, name="groups_service"),
    path("advice/new/", v.advice_new, name="group_advice_new"),
    path("advice/<int:advice_id>/", v.advice_detail, name="group_advice"),
    path("advice/<int:advice_id>/verify/", v.advice_verify, name="group_advice_verify"),
    path("attendance/new/", v.attendance_new, name="group_attendance_new"),
    path("attendance/<int:attendance_id>/", v.attendance_detail, name="group_attendance"),
    path("attendance/<int:attendance_id>/decide/", v.attendance_decide, name="group_attendance_decide"),
    path("attendance/<int:attendance_id>/stay/", v.attendance_stay, name="group_attendance_stay"),
    path("attendance/<int:attendance_id>/notes/", v.note_new, name="group_note_new"),
    path("notes/<int:note_id>/", v.note_detail, name="group_note"),
]
