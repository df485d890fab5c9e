"""Pages under /c/<slug>/correspondence/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.index, name="correspondence"),
    path("new/", v.thread_new, name="correspondence_new"),
    path("<int:thread_id>/", v.thread_detail, name="correspondence_thread"),
    path("<int:thread_id>/copy/", v.copy_new, name="correspondence_copy"),
    path("<int:thread_id>/contact/", v.contact_share, name="correspondence_contact"),
    path("consents/<int:consent_id>/", v.consent_answer, name="correspondence_consent"),
    path("attachments/<int:message_file_id>/", v.attachment, name="correspondence_attachment"),
    path("letters/new/", v.letter_new, name="letter_new"),
    path("letters/<int:letter_id>/", v.letter_detail, name="letter"),
    path("letters/<int:letter_id>/check/", v.letter_check, name="letter_check"),
    path("letters/<int:letter_id>/issue/", v.letter_issue, name="letter_issue"),
    path("letters/<int:letter_id>/pdf/", v.letter_pdf, name="letter_pdf"),
]
