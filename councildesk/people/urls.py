"""The head officer's pages for keeping the council's people, under /c/<slug>/people/."""

from django.urls import path

from . import manage_views as v

urlpatterns = [
    path("new/", v.person_new, name="person_new"),
    path("import/", v.people_import, name="people_import"),
    path("structure/<str:part>/new/", v.structure_new, name="structure_new"),
    path("p/<str:username>/", v.person, name="person"),
    path("p/<str:username>/edit/", v.person_edit, name="person_edit"),
    path("p/<str:username>/roles/new/", v.role_new, name="role_new"),
    path("p/<str:username>/roles/<int:role_id>/end/", v.role_end, name="role_end"),
    path("p/<str:username>/seats/new/", v.seat_new, name="seat_new"),
    path("p/<str:username>/<str:place>/join/", v.place_new, name="place_new"),
    path("p/<str:username>/<str:tenure>/<int:tenure_id>/end/", v.tenure_end, name="tenure_end"),
]
