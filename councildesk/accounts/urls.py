"""Account pages, under /accounts/ (the sign-in page itself is named ``login`` in config/urls.py)."""

from __future__ import annotations

from django.urls import path

from . import passkey_views, views

urlpatterns = [
    path("", views.account, name="account"),
    path("login/verify/", views.sign_in_verify, name="sign_in_verify"),
    path("login/passkey/", passkey_views.sign_in_passkey, name="sign_in_passkey"),
    path("second-factor/", views.second_factor_set_up, name="second_factor_set_up"),
    path("passkeys/new/", passkey_views.passkey_add, name="passkey_add"),
    path("passkeys/<int:passkey_id>/remove/", passkey_views.passkey_remove, name="passkey_remove"),
    path("second-factor/reset/", views.second_factor_reset, name="second_factor_reset"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("password/", views.password_change, name="password_change"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/new/", views.password_reset_confirm, name="password_reset_confirm"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("deactivate/", views.deactivate, name="deactivate"),
]
