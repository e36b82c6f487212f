"""Settings for Thi đua An Hải, read from the environment.

Every value has a safe development default except secrets in production: DEBUG is off unless set, and
with it off SECRET_KEY, ALLOWED_HOSTS and a public SITE_URL must be set. Bad values stop the start-up with
a clear message.
See `.env.example` for the whole list.
"""

import ipaddress
import json
import os
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_decimal(name: str, default: str) -> Decimal:
    raw = os.environ.get(name) or default
    try:
        return Decimal(raw)
    except ArithmeticError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


# Off unless asked for: a server started with no environment must not show debug pages.
DEBUG = env_bool("DEBUG", False)
# The demo (seed_anhai, accounts with a published password) runs only where this is on (`make run` sets it).
DEMO = env_bool("DEMO", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off (a long random string; see .env.example)"
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names the site answers to)"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").strip().rstrip("/")
if not DEBUG:
    # Links in mails and the QR codes printed on certificates point here: a loopback address would
    # send every reader of a printed certificate to their own machine.
    if not SITE_URL:
        raise ImproperlyConfigured(
            "SITE_URL is required when DEBUG is off (the public address, e.g. https://thidua.anhai.example.vn)"
        )
    _site = urlsplit(SITE_URL)
    if _site.scheme not in {"http", "https"} or not _site.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be an http(s) address, not {SITE_URL!r}")
    if _loopback_host(_site.hostname):
        raise ImproperlyConfigured(
            f"SITE_URL must be the public address of the site, not a loopback address ({SITE_URL!r})"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "anhai_thidua.core",
    "organisation",
    "campaigns",
    "criteria",
    "nominations",
    "notifications",
    "council",
    "awards",
    "reviews",
    "anhai_site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "anhai_thidua.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "anhai_thidua.core.middleware.DatabaseUnavailableMiddleware",
    "anhai_thidua.core.middleware.SessionTimeoutMiddleware",
    "anhai_thidua.core.middleware.DownloadAuditMiddleware",
    "organisation.accounts.middleware.AccountSecurityMiddleware",
    # Inner: with DEBUG on, a 404 shows the app's page, not Django's URL list (anhai_thidua/core/errors.py).
    "anhai_thidua.core.errors.ErrorPageMiddleware",
    # last, as django-axes requires: it turns a locked-out sign-in into the lock-out page
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): no inline script, style or handler anywhere; behaviour lives in
# static/js, looks in static/css. Inline SVG is fine (presentation attributes are not styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
CSRF_FAILURE_VIEW = "anhai_thidua.core.errors.csrf_failure"

ROOT_URLCONF = "anhai_thidua.urls"
WSGI_APPLICATION = "anhai_thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anhai_thidua.core.context_processors.site",
                "notifications.context_processors.unread_notifications",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # A reused connection is checked before each request, so the app recovers by itself after the
        # database restarts (the request that met the failure gets the 503 page).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite serialises writers; wait for the lock instead of failing when the worker writes too.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    # first: refuses a locked-out account or address before any password is checked
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "anhai_thidua.core.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "anhai_thidua.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "anhai_thidua.core.passwords.CommonPasswordValidator"},
    {"NAME": "anhai_thidua.core.passwords.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): an account, or an address, is locked after this many failures in a
# row, until the cool-off ends or an administrator deletes the attempt in the admin (Axes > Access attempts).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisation.accounts.views.lockout"
AXES_VERBOSE = False
# Two-factor sign-in (django-otp, TOTP): users holding one of these roles must enrol before they go on.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "office,chairman,vice_chairman,admin")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Thi đua An Hải")
# Sessions end after this long without a request, and this long after sign-in whatever happens.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_AGE_HOURS = env_int("SESSION_MAX_AGE_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_AGE_HOURS * 3600

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["anhai_thidua.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded and generated files in S3-compatible object storage (django-storages) when STORAGE_S3_BUCKET is
# set, so that every web process and worker on any host sees the same files; the local disk (MEDIA_ROOT)
# otherwise. The bucket stays private: no ACL, no public URL; files are streamed through the views that
# check permissions (anhai_thidua/core/uploads.py), never linked.
STORAGE_S3_BUCKET = os.environ.get("STORAGE_S3_BUCKET", "")
if STORAGE_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            "access_key": os.environ.get("STORAGE_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("STORAGE_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "addressing_style": os.environ.get("STORAGE_S3_ADDRESSING_STYLE", "path"),
        },
    }
# Uploaded files live outside every public folder and are served only through views that check
# permissions: MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media-not-served/"
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 20) * 1024 * 1024
ORGANISATION_IMPORT_MAX_BYTES = env_int("ORGANISATION_IMPORT_MAX_MB", 5) * 1024 * 1024
ORGANISATION_IMPORT_MAX_AGE_HOURS = env_int("ORGANISATION_IMPORT_MAX_AGE_HOURS", 24)
# Office files are zips: their central directory is read before anything is unpacked, and refused past
# these caps (a "zip bomb" is small on the wire and huge once expanded).
UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = env_int("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", 100) * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = env_int("UPLOAD_ZIP_MAX_RATIO", 100)
UPLOAD_ZIP_MAX_ENTRIES = env_int("UPLOAD_ZIP_MAX_ENTRIES", 2000)
# All the files of one dossier together (nominations.services.attachment_add).
DOSSIER_UPLOAD_MAX_BYTES = env_int("DOSSIER_UPLOAD_MAX_MB", 200) * 1024 * 1024
# The request body is capped before it is read: the proxy's client_max_body_size (docs/deployment, .env.example)
# first, then anhai_thidua.core.middleware.RequestSizeLimitMiddleware on Content-Length, then Django's own
# limits on the form fields (DATA_UPLOAD_*) and on what is held in memory (FILE_UPLOAD_MAX_MEMORY_SIZE:
# larger files go to a temporary file).
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", env_int("UPLOAD_MAX_MB", 20) + 2) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_MB", 2) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_MB", 2) * 1024 * 1024
# Free text typed into forms without a column limit (TextField) is cut at this many characters by the form.
TEXT_FIELD_MAX_LENGTH = env_int("TEXT_FIELD_MAX_LENGTH", 5000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Thi đua An Hải <thidua@anhai.example.vn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set, otherwise kombu's SQLAlchemy transport on a SQLite file,
# so reminders and PDFs still run with nothing but Python installed.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = (
    os.environ.get("CELERY_BROKER_URL") or REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Transport options go to the transport itself: Redis takes visibility_timeout; kombu's SQLAlchemy
# transport passes them all to create_engine(), so SQLite gets only a lock timeout.
# A broker that is down or hangs must not hold a user's request: every publish from a request gives up
# within BROKER_TIMEOUT_SECONDS (connect and each socket read/write) without retrying; the outbox row or
# the dossier's mail flag stays pending and the beat sweeps send it when the broker is back.
BROKER_TIMEOUT_SECONDS = env_int("BROKER_TIMEOUT_SECONDS", 2)
BROKER_BACKOFF_SECONDS = env_int("BROKER_BACKOFF_SECONDS", 30)
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT_SECONDS
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
REDIS_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
    "socket_timeout": BROKER_TIMEOUT_SECONDS,
    "retry_on_timeout": False,
    "max_connections": 20,
    # kombu's publish path (Connection.default_channel) retries connecting forever unless told otherwise.
    "max_retries": 0,
    "interval_start": 0,
}
CELERY_BROKER_TRANSPORT_OPTIONS = (
    REDIS_TRANSPORT_OPTIONS
    if CELERY_BROKER_URL.startswith(("redis", "rediss"))
    else {"connect_args": {"timeout": 20}}
    if CELERY_BROKER_URL.startswith("sqla+sqlite")
    else {}
)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
HEARTBEAT_INTERVAL_SECONDS = env_int("HEARTBEAT_INTERVAL_SECONDS", 60)
HEARTBEAT_STALE_SECONDS = env_int("HEARTBEAT_STALE_SECONDS", 300)

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Shared state for many web processes (docs/deployment.md): with Redis the cache is shared, so sessions are
# read from it (cached_db: written to the database too) and the layout keeps per-user data there
# (organisation/usercache.py, the unread badge), invalidated on every change. Without Redis the cache is
# per process, where another process's invalidation cannot reach: sessions stay in the database and the
# per-user cache is off unless USER_CACHE_SECONDS is set (one process, e.g. runserver).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"
)
USER_CACHE_SECONDS = env_int("USER_CACHE_SECONDS", 3600 if REDIS_URL else 0)
# Versioned caches (anhai_thidua/core/versions.py): the criteria standings and the pages' cached parts, under
# tokens every write replaces; off without a shared cache, like the per-user cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", USER_CACHE_SECONDS)
# Part of every versioned key (a deploy never serves the previous release's cached HTML); by default a digest
# of the project's templates and code taken at start.
RELEASE = os.environ.get("RELEASE", "")

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# The TLS proxy in front sets X-Forwarded-Proto; trust it only when told the app sits behind one.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
if BEHIND_TLS_PROXY:
    # the client's address for sign-in throttling is the one the proxy saw
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's health check calls plain HTTP on 127.0.0.1
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Audit trail (anhai_thidua/core/audit.py): each entry is sealed with an HMAC over its content and the
# previous entry's seal. Default: derived from SECRET_KEY (set it on its own to rotate SECRET_KEY freely).
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "") or f"audit-chain:{SECRET_KEY}"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "pikepdf": {"level": "WARNING"},
    },
}

# ---- Legal figures (domain.md §5). Marked "verify" there: settings with defaults, never constants.
WARD_NAME = os.environ.get("WARD_NAME", "An Hải")
# The base salary and the award coefficients are dated rows (awards.BaseSalary, awards.AwardCoefficient) the
# office keeps in the browser. Every award amount is rounded UP to a multiple of this (domain.md §5).
AWARD_ROUND_TO = env_int("AWARD_ROUND_TO", 10000)
REVIEW_WORKING_DAYS = env_int("REVIEW_WORKING_DAYS", 10)
COUNCIL_QUORUM = env_decimal("COUNCIL_QUORUM", "0.6667")  # two thirds of members present
COUNCIL_THRESHOLD = env_decimal("COUNCIL_THRESHOLD", "0.5")  # strictly more than half of all members
COUNCIL_ALLOW_WRITTEN_VOTES = env_bool("COUNCIL_ALLOW_WRITTEN_VOTES", True)
REMINDER_OFFSETS_DAYS = [int(x) for x in env_list("REMINDER_OFFSETS_DAYS", "7,3,1")]
REMINDER_AFTER_DAYS = env_int("REMINDER_AFTER_DAYS", 1)  # one reminder this many days after the deadline
REMINDER_CATCH_UP_DAYS = env_int("REMINDER_CATCH_UP_DAYS", 2)  # a missed reminder day is caught up this late
# Days off / working Saturdays announced after the holidays library's release: ISO dates, comma-separated.
HOLIDAYS_EXTRA = [date.fromisoformat(d) for d in env_list("HOLIDAYS_EXTRA", "")]
WORKDAYS_EXTRA = [date.fromisoformat(d) for d in env_list("WORKDAYS_EXTRA", "")]
# Email outbox (notifications): rows are claimed by one sender; failures retry with a growing delay.
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 100)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 5)
OUTBOX_CLAIM_TIMEOUT_SECONDS = env_int("OUTBOX_CLAIM_TIMEOUT_SECONDS", 900)
LEGAL_LAW = os.environ.get("LEGAL_LAW", "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022")
LEGAL_DECREE = os.environ.get(
    "LEGAL_DECREE",
    "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của "
    "Luật Thi đua, khen thưởng",
)

# Certificates (Giấy khen, domain.md §5): paper and field positions are settings because the official design
# may change; blank mode prints only the variable fields onto pre-printed blanks (phôi), shifted by the
# offsets (millimetres, may be negative) to calibrate a printer. Positions: awards/certificates.py, overridable
# with CERTIFICATE_FIELD_POSITIONS as JSON {"field": [x_mm, y_mm, width_mm]}.
CERTIFICATE_BLANK_MODE = env_bool("CERTIFICATE_BLANK_MODE", False)
CERTIFICATE_PAPER = os.environ.get("CERTIFICATE_PAPER", "A4 landscape")
CERTIFICATE_OFFSET_X_MM = env_decimal("CERTIFICATE_OFFSET_X_MM", "0")
CERTIFICATE_OFFSET_Y_MM = env_decimal("CERTIFICATE_OFFSET_Y_MM", "0")
CERTIFICATE_FIELD_POSITIONS = json.loads(os.environ.get("CERTIFICATE_FIELD_POSITIONS", "{}") or "{}")
# Certificates bundles with more awardees than this are made in the background (Celery) with a progress page.
CERTIFICATE_SYNC_LIMIT = env_int("CERTIFICATE_SYNC_LIMIT", 10)
# A decision's own PDF and payment list with more awards than this are made in the background too.
DOCUMENT_SYNC_LIMIT = env_int("DOCUMENT_SYNC_LIMIT", 200)
CITY_NAME = os.environ.get("CITY_NAME", "Đà Nẵng")

# PDF rendering: fonts looked up through fontconfig (Debian fonts-liberation2, fonts-noto-core).
PDF_FONT_FAMILY = os.environ.get("PDF_FONT_FAMILY", "Liberation Serif")
# Part of every cached document's key (anhai_thidua/core/doccache.py): bump it when what the HTML does not
# show changes the PDF (a stylesheet or image the documents load, the installed fonts).
DOCUMENT_CACHE_VERSION = os.environ.get("DOCUMENT_CACHE_VERSION", "1")
PDF_SKIP_CHECKS = env_bool("PDF_SKIP_CHECKS", False)

# Digitally signed decisions (docs/signatures.md). TRUST_ROOTS_DIR holds the trusted root and intermediate
# certificates (PEM or DER: the national root CA and the Government CA in production); a self-signed one is a
# root, the others are intermediates. The agency's key (the seal) is a PKCS#12 file and its password, or a key
# on a PKCS#11 token (USB token, HSM: AGENCY_PKCS11_MODULE is the vendor's module, chosen when set); without
# either the app adds no agency signature. TSA_URL (RFC 3161) adds a timestamp (PAdES B-T instead of B-B).
TRUST_ROOTS_DIR = os.environ.get("TRUST_ROOTS_DIR", "")
AGENCY_PKCS12_PATH = os.environ.get("AGENCY_PKCS12_PATH", "")
AGENCY_PKCS12_PASSWORD = os.environ.get("AGENCY_PKCS12_PASSWORD", "")
AGENCY_PKCS11_MODULE = os.environ.get("AGENCY_PKCS11_MODULE", "")
AGENCY_PKCS11_TOKEN_LABEL = os.environ.get("AGENCY_PKCS11_TOKEN_LABEL", "")
AGENCY_PKCS11_PIN = os.environ.get("AGENCY_PKCS11_PIN", "")
AGENCY_PKCS11_KEY_LABEL = os.environ.get("AGENCY_PKCS11_KEY_LABEL", "")
# The certificate object's label when it differs from the key's (empty: the key's label).
AGENCY_PKCS11_CERT_LABEL = os.environ.get("AGENCY_PKCS11_CERT_LABEL", "")
# Hash in the app and let the token sign the digest (CKM_RSA_PKCS / CKM_ECDSA, which every token has; SoftHSM
# and many USB tokens lack the hash-and-sign ECDSA mechanisms). false: the token hashes (CKM_SHA256_RSA_PKCS…).
AGENCY_PKCS11_RAW_MECHANISM = env_bool("AGENCY_PKCS11_RAW_MECHANISM", True)
TSA_URL = os.environ.get("TSA_URL", "")
# The font of the agency signature's text (NĐ 30: Times New Roman 10 pt; Liberation Serif has its metrics).
SIGNATURE_FONT_FILE = os.environ.get(
    "SIGNATURE_FONT_FILE", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
)
SIGNED_DECISION_MAX_MB = env_int("SIGNED_DECISION_MAX_MB", 20)
if AGENCY_PKCS12_PATH and not Path(AGENCY_PKCS12_PATH).is_file():
    raise ImproperlyConfigured(f"AGENCY_PKCS12_PATH: no such file {AGENCY_PKCS12_PATH}")
if AGENCY_PKCS11_MODULE and not Path(AGENCY_PKCS11_MODULE).is_file():
    raise ImproperlyConfigured(f"AGENCY_PKCS11_MODULE: no such file {AGENCY_PKCS11_MODULE}")
if AGENCY_PKCS11_MODULE and not (AGENCY_PKCS11_KEY_LABEL or AGENCY_PKCS11_CERT_LABEL):
    raise ImproperlyConfigured("AGENCY_PKCS11_MODULE needs AGENCY_PKCS11_KEY_LABEL (the agency key's label)")
if TRUST_ROOTS_DIR and not Path(TRUST_ROOTS_DIR).is_dir():
    raise ImproperlyConfigured(f"TRUST_ROOTS_DIR: no such folder {TRUST_ROOTS_DIR}")
