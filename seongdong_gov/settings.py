"""One settings module for every environment; production differs only by environment variables.

See README.md, section «설정 / Configuration», for the table of variables.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from seongdong_gov.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# Development conveniences (demo accounts, the insecure key) need an explicit opt-in: `make run` sets it.
DEVELOPMENT = env_bool("DJANGO_DEVELOPMENT", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or DEVELOPMENT:
        SECRET_KEY = "django-insecure-development-only-never-in-production"
    else:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off (see README, Configuration).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if (DEBUG or DEVELOPMENT) else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "seongdong_gov.admin_site.GovAdminConfig",  # django.contrib.admin with the product's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "seongdong_gov",
    "committees",
    "meetings",
    "appointments",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "seongdong_gov.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "seongdong_gov.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "seongdong_gov.urls"
WSGI_APPLICATION = "seongdong_gov.wsgi.application"

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
                "committees.context_processors.roles",
            ],
        },
    },
]

# the stock widget templates written in Python (seongdong_gov.widgets): every form, crispy and admin
# included, without a template render per field and per <option>
FORM_RENDERER = "seongdong_gov.widgets.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # PostgreSQL: values sent apart from the SQL (server-side binding), so that a query the ORM writes
    # again and again is the same text, which psycopg prepares on its second run and PostgreSQL then
    # runs without planning it anew (issue 14: ~15% of the meeting page and the portal). A transaction-
    # mode pooler in front of PostgreSQL (pgbouncer < 1.21) needs DB_PREPARED_STATEMENTS=0. A statement then
    # takes at most 65,535 parameters (an IN list of more ids, e.g. a prefetch over more rows, fails).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Korean by default; English through the language switch. Source strings are written in Korean.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Seoul"
# Dates as `2016. 1. 15.`, times as `16:00` (행정업무규정 제7조⑤).
FORMAT_MODULE_PATH = ["seongdong_gov.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Rendered documents (seongdong_gov.documents, meetings.documents), kept under the digest of everything
# that decides their bytes, in files: every worker on the machine (and every app server, when the directory
# is on shared storage like MEDIA_ROOT) serves a document rendered once. Never under a served directory.
DOCUMENT_CACHE_DIR = Path(env_str("DOCUMENT_CACHE_DIR", str(BASE_DIR / "var" / "document-cache")))
CACHES = {
    # per process: rendered feeds, public calendar rows and home panels, all keyed by their data version
    # (old versions are never read again and age out; 300 entries, the default, would cull live ones)
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
    "documents": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DOCUMENT_CACHE_DIR),
        "TIMEOUT": env_int("DOCUMENT_CACHE_SECONDS", 30 * 24 * 3600, minimum=0),
        # the worker renders ~4 files a body and ~8 a coming meeting each morning: room for a few weeks of them
        "OPTIONS": {"MAX_ENTRIES": env_int("DOCUMENT_CACHE_ENTRIES", 20000, minimum=1)},
    },
}
# Uploaded files are never served by URL: views stream them after a permission check.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or DEVELOPMENT)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development WhiteNoise serves straight from static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or DEVELOPMENT
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "governance@sd.go.kr")
if DEVELOPMENT and not env_str("EMAIL_BACKEND"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
# Date: headers in Seoul time (+0900) rather than "-0000" (zone unknown), as recipients read them.
EMAIL_USE_LOCALTIME = True
# The site's own address, for absolute links in e-mails; `check --deploy` requires it in production.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if (DEBUG or DEVELOPMENT) else "").rstrip("/")
# Outbox: a failed send is retried after MAIL_RETRY_BASE_SECONDS × 2^(attempt−1), at most
# MAIL_MAX_ATTEMPTS times; a worker's claim on a message expires after MAIL_CLAIM_SECONDS.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8, minimum=1)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60, minimum=1)
MAIL_CLAIM_SECONDS = env_int("MAIL_CLAIM_SECONDS", 600, minimum=60)

# Background work (the mail outbox) runs through the tasks API; the queue lives in the same database, so a
# task is written in the same transaction as the change that needs it. `manage.py db_worker` runs it.
# "default": the mail; "documents": PDFs rendered ahead after a change (seongdong_gov.render_ahead). One
# worker takes both (`db_worker --queue-name default,documents`), the mail first (higher priority).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "documents"]}}
# Render the documents a change touches in the worker, so their download finds them rendered (issue 14).
DOCUMENTS_RENDER_AHEAD = env_bool("DOCUMENTS_RENDER_AHEAD", True)
# seconds a render waits after the change: the changes of a burst (check-ins) are rendered once
DOCUMENTS_RENDER_DELAY_SECONDS = env_int("DOCUMENTS_RENDER_DELAY_SECONDS", 5, minimum=0)

# Inactivity timeout: 30 minutes by default, as public-sector systems commonly require.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60, minimum=60)
# The age restarts when the session is saved: at most once a minute on page views
# (seongdong_gov.middleware.SessionRefreshMiddleware), not by an UPDATE on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60, minimum=1)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
HTTPS = env_bool("HTTPS", not (DEBUG or DEVELOPMENT))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login lockout: this many failures within the window lock the username (or, with the larger limit,
# the address) until the window has passed.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_IP_LIMIT = env_int("LOGIN_FAILURE_IP_LIMIT", 20, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)

# Some regions cap one person at 3 committees at once (DOMAIN.md §5); above the cap staff are warned.
MAX_BODIES_PER_PERSON = env_int("MAX_BODIES_PER_PERSON", 3, minimum=1)
# Issuer printed on appointment certificates.
CERTIFICATE_ISSUER_TITLE = env_str("CERTIFICATE_ISSUER_TITLE", "성동구청장")
CERTIFICATE_ISSUER_NAME = env_str("CERTIFICATE_ISSUER_NAME", "정원오")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; keep its warnings (missing fonts, bad CSS) only
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
