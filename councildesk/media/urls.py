"""Pages under /c/<slug>/media/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.media_index, name="media"),
    path("releases/new/", v.release_new, name="media_release_new"),
    path("releases/<int:release_id>/", v.release_detail, name="media_release"),
    path("releases/<int:release_id>/submit/", v.release_submit, name="media_release_submit"),
    path("releases/<int:release_id>/decide/", v.release_decide, name="media_release_decide"),
    path("releases/<int:release_id>/publish/", v.release_publish, name="media_release_publish"),
    path("contacts/new/", v.contact_new, name="media_contact_new"),
    path("contacts/<int:contact_id>/", v.contact_detail, name="media_contact"),
    path("enquiries/new/", v.enquiry_new, name="media_enquiry_new"),
    path("enquiries/<int:media_enquiry_id>/", v.enquiry_detail, name="media_enquiry"),
    path("enquiries/<int:media_enquiry_id>/answer/", v.enquiry_answer, name="media_enquiry_answer"),
    path("spokespersons/new/", v.spokesperson_new, name="media_spokesperson_new"),
]
