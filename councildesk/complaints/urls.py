"""Pages under /c/<slug>/complaints/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.complaint_list, name="complaints"),
    path("new/", v.complaint_new, name="complaint_new"),
    path("<int:complaint_id>/", v.complaint_detail, name="complaint"),
    path("<int:complaint_id>/informal/", v.complaint_informal, name="complaint_informal"),
    path("<int:complaint_id>/formal/", v.complaint_formal, name="complaint_formal"),
    path("<int:complaint_id>/mediation/", v.complaint_mediation, name="complaint_mediation"),
    path("<int:complaint_id>/panel/", v.complaint_panel, name="complaint_panel"),
    path("<int:complaint_id>/decide/", v.complaint_decide, name="complaint_decide"),
    path("<int:complaint_id>/group-leader/", v.complaint_group_leader, name="complaint_group_leader"),
    path("<int:complaint_id>/code-of-conduct/", v.complaint_code, name="complaint_code"),
]
