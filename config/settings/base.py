"""Settings for the embedded default: one machine, SQLite in WAL mode, data under $COUNCILDESK_DATA.

Every setting that varies between installations comes from the environment. ``production`` tightens these.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("COUNCILDESK_DATA", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Read the key from the environment, or keep one generated key per data directory (embedded default)."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    try:  # created readable by its owner only, atomically, so two first starts cannot race
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as key_file:
        key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("COUNCILDESK_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("COUNCILDESK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, never a CDN: works offline
    "councildesk.core",
    "councildesk.councils",
    "councildesk.people",
    "councildesk.protocol",
    "councildesk.audit",
    "councildesk.notifications",
    "councildesk.enquiries",
    "councildesk.documents",
    "councildesk.deadlines",
    "councildesk.groups",
    "councildesk.elections",
    "councildesk.media",
    "councildesk.wards",
    "councildesk.complaints",
    "councildesk.declarations",
    "councildesk.delegation",
    "councildesk.digest",
    "councildesk.finance",
    "councildesk.oversight",
    "councildesk.correspondence",
    "councildesk.mailin",
    "councildesk.sweep",
    "councildesk.coverage",
    "councildesk.api",
    "councildesk.accounts",
    "councildesk.tenancy",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "councildesk.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "councildesk.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "councildesk.tenancy.middleware.CouncilScopeMiddleware",  # row-level security's council (COUNCILDESK_RLS)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "councildesk.people.access.AccessScopeMiddleware",  # memberships resolved once per request (issue 14)
    "django.contrib.messages.middleware.MessageMiddleware",
    "councildesk.core.security.SessionLimitsMiddleware",
    "councildesk.core.security.PrivateResponseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "councildesk.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councildesk.people.context_processors.memberships",
                "councildesk.notifications.context_processors.unread_notifications",
            ],
        },
    },
]


# How long a server thread keeps its database connection (docs/settings.md, ADR 0017). Each thread has its own.
# PostgreSQL: 300 s with a health check before reuse, so a restarted server costs one failed check, not an error.
# SQLite: 600 s; opening is cheap but runs the pragmas every time, and a connection cannot go stale in a socket.
CONN_MAX_AGE_POSTGRESQL = 300
CONN_MAX_AGE_SQLITE = 600


def _conn_max_age(default: int) -> int:
    text = os.environ.get("COUNCILDESK_CONN_MAX_AGE", "").strip()
    return int(text) if text else default


def _databases() -> dict[str, Any]:
    """PostgreSQL when DATABASE_URL is set; otherwise SQLite with WAL and synchronous=FULL for durability."""
    if url := os.environ.get("DATABASE_URL"):
        db = dj_database_url.parse(url, conn_max_age=_conn_max_age(CONN_MAX_AGE_POSTGRESQL), conn_health_checks=True)
        # Values sent apart from the SQL, and a statement prepared on its fifth use in a connection (ADR 0021).
        if os.environ.get("COUNCILDESK_PG_SERVER_BINDING", "1") == "1":
            db.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
        return {"default": db}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "councildesk.sqlite3",
            "CONN_MAX_AGE": _conn_max_age(CONN_MAX_AGE_SQLITE),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking
                # on lock upgrade; WAL lets readers carry on while one writes.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Person"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
# Sign-in (councildesk/accounts, ADR 0014): django-axes counts failures and locks an account *from one address*
# (the username+address pair), so nobody can lock every user out at once; accounts/throttle.py adds a limit per
# address and a soft limit per account that never blocks an address the person has signed in from before.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username+address before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
COUNCILDESK_SIGNIN_FAILURE_LIMIT = int(os.environ.get("COUNCILDESK_SIGNIN_FAILURE_LIMIT", "5"))
COUNCILDESK_SIGNIN_ADDRESS_LIMIT = int(os.environ.get("COUNCILDESK_SIGNIN_ADDRESS_LIMIT", "30"))
COUNCILDESK_SIGNIN_ACCOUNT_LIMIT = int(os.environ.get("COUNCILDESK_SIGNIN_ACCOUNT_LIMIT", "20"))
COUNCILDESK_SIGNIN_LOCKOUT_MINUTES = int(os.environ.get("COUNCILDESK_SIGNIN_LOCKOUT_MINUTES", "30"))
AXES_FAILURE_LIMIT = COUNCILDESK_SIGNIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = COUNCILDESK_SIGNIN_LOCKOUT_MINUTES / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused try is not counted again, nor re-announced
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The peer address only (serve believes X-Forwarded-For from a trusted proxy alone), never headers axes reads itself.
AXES_CLIENT_IP_CALLABLE = "councildesk.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "councildesk.accounts.views.locked_out"
AXES_VERBOSE = False
# The second factor (django-otp's TOTP device): the issuer name an authenticator app shows.
OTP_TOTP_ISSUER = os.environ.get("COUNCILDESK_TOTP_ISSUER", "councildesk")
COUNCILDESK_PASSWORD_RESET_HOURS = int(os.environ.get("COUNCILDESK_PASSWORD_RESET_HOURS", "2"))
PASSWORD_RESET_TIMEOUT = COUNCILDESK_PASSWORD_RESET_HOURS * 3600
COUNCILDESK_API_TOKEN_MAX_DAYS = int(os.environ.get("COUNCILDESK_API_TOKEN_MAX_DAYS", "365"))
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["config.formats"]  # input dates like "4 December 2026" (config/formats/en_GB)
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def _documents_storage() -> dict[str, Any]:
    """Uploaded council documents: S3-compatible storage when COUNCILDESK_S3_BUCKET is set, else local files.

    Never served by URL: every download goes through the documents app's gate.
    """
    if bucket := os.environ.get("COUNCILDESK_S3_BUCKET"):
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": os.environ.get("COUNCILDESK_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("COUNCILDESK_S3_REGION") or None,
                "access_key": os.environ.get("COUNCILDESK_S3_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("COUNCILDESK_S3_SECRET_ACCESS_KEY") or None,
                "location": os.environ.get("COUNCILDESK_S3_PREFIX", "documents"),
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        }
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "documents"), "base_url": None},
    }


STORAGES["documents"] = _documents_storage()
COUNCILDESK_MAX_DOCUMENT_BYTES = int(os.environ.get("COUNCILDESK_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = COUNCILDESK_MAX_DOCUMENT_BYTES + 1024 * 1024  # the form fields around the file
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WHITENOISE_USE_FINDERS = True  # serve straight from app folders on the embedded default; no collectstatic step

# Django's database sessions, with the read each signed-in request makes in fixed SQL (ADR 0023).
SESSION_ENGINE = "councildesk.core.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Sessions: an absolute limit from sign-in (the cookie's age, not renewed by activity) and an idle limit
# (core/security.py). Both are configurable; see docs/settings.md.
COUNCILDESK_SESSION_IDLE_MINUTES = int(os.environ.get("COUNCILDESK_SESSION_IDLE_MINUTES", "30"))
COUNCILDESK_SESSION_MAX_HOURS = int(os.environ.get("COUNCILDESK_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = COUNCILDESK_SESSION_MAX_HOURS * 3600
SESSION_SAVE_EVERY_REQUEST = False
# Content-Security-Policy (django-csp, ADR 0011): scripts and everything else only from this site, no inline
# script; inline style attributes are allowed (bar charts set widths, htmx sets indicator styles).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs"],  # Ninja's interactive docs page is a third-party page with inline script
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# councildesk's own settings (documented in docs/settings.md)
COUNCILDESK_PROFILES_DIR = Path(os.environ.get("COUNCILDESK_PROFILES", BASE_DIR / "profiles"))
COUNCILDESK_SEEDS_DIR = Path(os.environ.get("COUNCILDESK_SEEDS", BASE_DIR.parent / "shared" / "seeds"))
# Signed audit checkpoints: the Ed25519 private key lives in a file outside the database (and outside backups of
# $COUNCILDESK_DATA, ideally); the checkpoints are JSON Lines files, one per council.
COUNCILDESK_CHECKPOINT_KEY = os.environ.get("COUNCILDESK_CHECKPOINT_KEY") or None
COUNCILDESK_CHECKPOINT_DIR = Path(os.environ.get("COUNCILDESK_CHECKPOINT_DIR") or DATA_DIR / "checkpoints")
# PostgreSQL row-level security on every council table (councildesk/tenancy/rls.py, ADR 0015). On by default;
# SQLite ignores it. COUNCILDESK_RLS=0 turns it off (the next migrate takes the policies away).
COUNCILDESK_RLS = os.environ.get("COUNCILDESK_RLS", "1") == "1"
COUNCILDESK_MAX_PROTOCOL_BYTES = int(os.environ.get("COUNCILDESK_MAX_PROTOCOL_BYTES", 5 * 1024 * 1024))
COUNCILDESK_MAX_ATTACHMENT_BYTES = int(os.environ.get("COUNCILDESK_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))
COUNCILDESK_MAX_ATTACHMENTS = int(os.environ.get("COUNCILDESK_MAX_ATTACHMENTS", "10"))
COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES = int(
    os.environ.get("COUNCILDESK_MAX_ATTACHMENTS_TOTAL_BYTES", 25 * 1024 * 1024)
)
COUNCILDESK_MAX_ENQUIRY_CHARS = int(os.environ.get("COUNCILDESK_MAX_ENQUIRY_CHARS", 20_000))

# Email: SMTP when a host is set; otherwise each message is written to a file under the data dir (works offline).
EMAIL_HOST = os.environ.get("COUNCILDESK_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("COUNCILDESK_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("COUNCILDESK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("COUNCILDESK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("COUNCILDESK_EMAIL_USE_TLS", "1") == "1"
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("COUNCILDESK_EMAIL_FROM", "councildesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies come back to reply+<signed token>@this domain (notifications/replyto.py); empty: the From domain.
COUNCILDESK_REPLY_DOMAIN = os.environ.get("COUNCILDESK_REPLY_DOMAIN", "")
# Email in (councildesk/mailin): each council's intake address, "slug=address" pairs separated by commas (a council
# not named gets <slug>@<reply domain>); the largest message the listener accepts; the IMAP mailbox the sweep polls.
COUNCILDESK_MAIL_INTAKE = os.environ.get("COUNCILDESK_MAIL_INTAKE", "")
COUNCILDESK_MAIL_MAX_BYTES = int(os.environ.get("COUNCILDESK_MAIL_MAX_BYTES", 50 * 1024 * 1024))
COUNCILDESK_IMAP_HOST = os.environ.get("COUNCILDESK_IMAP_HOST", "")
COUNCILDESK_IMAP_PORT = int(os.environ.get("COUNCILDESK_IMAP_PORT", "993"))
COUNCILDESK_IMAP_USER = os.environ.get("COUNCILDESK_IMAP_USER", "")
COUNCILDESK_IMAP_PASSWORD = os.environ.get("COUNCILDESK_IMAP_PASSWORD", "")
COUNCILDESK_IMAP_MAILBOX = os.environ.get("COUNCILDESK_IMAP_MAILBOX", "INBOX")
COUNCILDESK_IMAP_TLS = os.environ.get("COUNCILDESK_IMAP_TLS", "1") == "1"
COUNCILDESK_IMAP_MOVE_TO = os.environ.get("COUNCILDESK_IMAP_MOVE_TO", "")
COUNCILDESK_EMAIL_MAX_ATTEMPTS = int(os.environ.get("COUNCILDESK_EMAIL_MAX_ATTEMPTS", "8"))
COUNCILDESK_BASE_URL = os.environ.get("COUNCILDESK_BASE_URL", "http://127.0.0.1:8000")
COUNCILDESK_SWEEP_INTERVAL = int(os.environ.get("COUNCILDESK_SWEEP_INTERVAL", "60"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COUNCILDESK_LOG_LEVEL", "INFO")},
    # aiosmtpd writes five INFO lines per message (every SMTP command) from `mail-receive`; each message is kept
    # as an InboundEmail row with its audit event, so only its warnings and errors are logged.
    # WeasyPrint reports seven progress steps per letter at INFO; a letter's issue is audited, so only its
    # warnings and errors are logged.
    "loggers": {"mail.log": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}
