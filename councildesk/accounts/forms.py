"""Forms for signing in and looking after an account. Errors are worded for the GOV.UK error summary."""

from __future__ import annotations

from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username", max_length=150, error_messages={"required": "Enter your username"}, strip=True
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput, error_messages={"required": "Enter your password"}
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app"},
    )


class SetUpForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="After adding the account, your app shows a 6-digit code. Enter it here.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your current password"},
    )
    new_password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Not a common password, and not like your name or username.",
        error_messages={"required": "Enter a new password"},
    )
    confirm_password = forms.CharField(
        label="Confirm new password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter the new password again"},
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("confirm_password") != data.get("new_password"):
            self.add_error("confirm_password", "The passwords do not match")
        return data


class PasswordResetForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address councildesk has for you. We will send a link to choose a new password.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class NewPasswordForm(forms.Form):
    new_password = PasswordChangeForm.base_fields["new_password"]
    confirm_password = PasswordChangeForm.base_fields["confirm_password"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("confirm_password") != data.get("new_password"):
            self.add_error("confirm_password", "The passwords do not match")
        return data


class SecondFactorResetForm(forms.Form):
    username = forms.CharField(
        label="Username of the person",
        max_length=150,
        help_text="Their councildesk username, as on the people page.",
        error_messages={"required": "Enter the username of the person whose app is lost"},
    )
    reason = forms.CharField(
        label="Why you are resetting it",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: phone lost on 3 March, identity checked in person. The person is told this reason.",
        error_messages={"required": "Say why the second factor is being reset"},
    )


class DeactivateForm(forms.Form):
    username = forms.CharField(
        label="Username of the person",
        max_length=150,
        help_text="Their councildesk username, as on the people page.",
        error_messages={"required": "Enter the username of the person to deactivate"},
    )
    reason = forms.CharField(
        label="Why you are deactivating the account",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: left the council on 3 March. This goes in the audit log.",
        error_messages={"required": "Say why the account is being deactivated"},
    )
