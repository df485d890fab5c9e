"""Pages under /c/<slug>/declarations/."""

from django.urls import path

from . import appointment_views as av
from . import views as v

urlpatterns = [
    path("", v.declaration_list, name="declarations"),
    path("new/", v.declaration_new, name="declaration_new"),
    path("<int:declaration_id>/", v.declaration_detail, name="declaration"),
    path("<int:declaration_id>/end/", v.declaration_end, name="declaration_end"),
    path("appointments/", av.appointment_list, name="appointments"),
    path("appointments/new/", av.appointment_new, name="appointment_new"),
    path("appointments/<int:appointment_id>/", av.appointment_detail, name="appointment"),
    path("appointments/<int:appointment_id>/seat/", av.appointment_seat, name="appointment_seat"),
    path("appointments/<int:appointment_id>/candidates/", av.appointment_candidate, name="appointment_candidate"),
    path("appointments/<int:appointment_id>/information/", av.appointment_information, name="appointment_information"),
    path("interim-clerk/", av.interim_clerk, name="interim_clerk"),
    path("advice/new/", av.advice_new, name="conflict_advice_new"),
    path("advice/<int:conflict_advice_id>/", av.advice_detail, name="conflict_advice"),
]
