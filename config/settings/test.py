"""Settings for the test suite: the base settings with fast password hashing for factories."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; argon2 is tested explicitly
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
# On PostgreSQL each request runs as a runtime-like role, so row-level security applies to it (tests/rls_runtime.py).
MIDDLEWARE = ["tests.rls_runtime.RuntimeRoleMiddleware", *MIDDLEWARE]  # noqa: F405
