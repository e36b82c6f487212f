"""Settings for Thi đua An Hải, read from the environment.

Every value has a safe development default except secrets in production: with DEBUG off,
SECRET_KEY must be set. Bad values stop the start-up with a clear message.
See `.env.example` for the whole list.
"""

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

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


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

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
    "anhai_thidua.core",
    "organisation",
    "campaigns",
    "criteria",
    "nominations",
    "notifications",
    "council",
    "awards",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite serialises writers; wait for the lock instead of failing when the worker writes too.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

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
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

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
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": 3600}
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

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# ---- Legal figures (domain.md §5). Marked "verify" there: settings with defaults, never constants.
WARD_NAME = os.environ.get("WARD_NAME", "An Hải")
# Base salary (lương cơ sở) as dated values: "YYYY-MM-DD=amount;..." (NĐ 73/2024: 2,340,000 from 01/07/2024).
BASE_SALARY_SCHEDULE = [
    (date.fromisoformat(d.strip()), int(a))
    for d, a in (
        item.split("=")
        for item in os.environ.get("BASE_SALARY_SCHEDULE", "2023-07-01=1800000;2024-07-01=2340000").split(";")
        if item.strip()
    )
]
AWARD_INDIVIDUAL_FACTOR = env_decimal("AWARD_INDIVIDUAL_FACTOR", "0.3")
AWARD_COLLECTIVE_MULTIPLIER = env_decimal("AWARD_COLLECTIVE_MULTIPLIER", "2")
AWARD_ROUND_TO = env_int("AWARD_ROUND_TO", 10000)
# domain.md's worked example keeps the individual's 702,000 đ (0.3 × 2,340,000) while the collective's
# 1,404,000 rounds up to 1,410,000: the individual amount rounds up to this step (verify; 10000 = same rule).
AWARD_INDIVIDUAL_ROUND_TO = env_int("AWARD_INDIVIDUAL_ROUND_TO", 1000)
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
    "Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
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
CITY_NAME = os.environ.get("CITY_NAME", "Đà Nẵng")

# PDF rendering: fonts looked up through fontconfig (Debian fonts-liberation2, fonts-noto-core).
PDF_FONT_FAMILY = os.environ.get("PDF_FONT_FAMILY", "Liberation Serif")
# Part of every cached document's key (anhai_thidua/core/doccache.py): bump it when what the HTML does not
# show changes the PDF (a stylesheet or image the documents load, the installed fonts).
DOCUMENT_CACHE_VERSION = os.environ.get("DOCUMENT_CACHE_VERSION", "1")
PDF_SKIP_CHECKS = env_bool("PDF_SKIP_CHECKS", False)
