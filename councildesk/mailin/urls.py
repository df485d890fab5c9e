"""Pages under /c/<slug>/mail/: the Clerk's quarantine of incoming email."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("quarantine/", v.quarantine, name="mail_quarantine"),
    path("<int:inbound_id>/", v.held_email, name="mail_held"),
]
