"""Settings for Alignment Tracker, read from environment variables.

SQLite in a local file when DATABASE_URL is unset, PostgreSQL (or any database
dj-database-url understands) when it is set. A shared Redis cache when REDIS_URL is
set, local memory otherwise. Nothing here runs only in production.
"""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# --- The demo (issue 16): `make demo` sets DEMO=1 -----------------------------------------
# The demo runs as production does (DEBUG off, WhiteNoise, the site's error pages) over
# plain HTTP on localhost, on its own SQLite file, with a secret key generated once into a
# file beside it (both git-ignored). It speaks through the environment variables the rest
# of this file reads, so it sets nothing another block owns. Only `manage.py demo_setup`
# makes the demo's logins, and it refuses to run without DEMO=1. DEMO_DIR holds its files.
DEMO = env_bool("DEMO", False)
DEMO_DIR = Path(env_str("DEMO_DIR", str(BASE_DIR))).resolve()
DEMO_LOGINS_FILE = DEMO_DIR / "demo.logins.json"
if DEMO:
    from config.demo import demo_environment

    os.environ.update(demo_environment(DEMO_DIR, os.environ))
# --- end of the demo ----------------------------------------------------------------------

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable, "
            "or set DEBUG=1 for local development (a throwaway key is then used)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, as its documentation asks
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "rosetta",
    "common",
    "accounts",
    "countries",
    "alignment",
    "workshops",
    # Issue 15: indicators (depends on workshops, alignment, countries).
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # i10: reads to the replica unless pinned to the primary, decided before anything reads
    # the database (the session, the user and their language included).
    "common.replica.PrimaryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "common.i18n.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.language.AccountLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # i10: the shared page cache.
    "alignment.pagecache.PublicCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# i10: a read replica. Public reads go there (common.replica); writes, admin pages and a
# staff user's requests just after a write stay on the primary. In tests the replica is
# a mirror of the primary's test database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
REPLICA_READS = bool(DATABASE_REPLICA_URL)  # tests turn it on with a mirror alias
REPLICA_PIN_SECONDS = int(env_str("REPLICA_PIN_SECONDS", "30"))
REPLICA_RETRY_SECONDS = 10

REDIS_URL = env_str("REDIS_URL")
# Parallel test workers (pytest-xdist sets PYTEST_XDIST_WORKER=gw0, gw1...) each take the
# Redis database after the given one, so a test that empties the cache or counts a rate
# limit never touches another worker's.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):
    _url = urlsplit(REDIS_URL)
    _base = int(_url.path.strip("/") or 0)
    REDIS_URL = urlunsplit(_url._replace(path=f"/{_base + 1 + int(_WORKER[2:])}"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # i10: Redis down must not hang a page: give up fast and answer uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages (issue 11). Public URLs carry no language prefix: the contracted addresses
# (exports, API, shared links) stay one address each. The language comes from `?lang=`
# (common.i18n), then the cookie set by the language menu, then Accept-Language; anything
# unknown falls back to English. Each language is named in its own words in the menu.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sr", "Српски"),
    ("sr-latn", "Srpski (latinica)"),
    ("bs", "Bosanski"),
    ("sq", "Shqip"),
    ("mk", "Македонски"),
    ("tr", "Türkçe"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Translators edit the catalogues in the browser (django-rosetta at /translate/), members of
# the Translator group only (alignment.roles).
# Titles and texts of frameworks, requirements, countries, institutions, workshops and
# recommendations in every language (django-modeltranslation: a column per language, so
# reading a title costs no join); an empty translation falls back to English, and pages
# say so (common.templatetags.translated).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
ROSETTA_ACCESS_CONTROL_FUNCTION = "common.i18n.may_translate"
ROSETTA_SHOW_AT_ADMIN_PANEL = True
ROSETTA_EXCLUDED_APPLICATIONS = ["rosetta"]
ROSETTA_MESSAGES_PER_PAGE = 25
ROSETTA_WSGI_AUTO_RELOAD = False
TIME_ZONE = env_str("TIME_ZONE", "Europe/Belgrade")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, not hashed: a manifest would have to be built by collectstatic before
    # any page could render, tests included, and the same storage runs everywhere.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Tests and the demo run without collectstatic: WhiteNoise then finds files through the
# staticfiles finders, the same as runserver does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Files asked for at the site's root by name (/favicon.ico), served there by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

LOGIN_URL = "admin:login"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alignment Tracker API",
    "DESCRIPTION": "Read-only open data: statuses on any date, their history and sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A status's `precision` and a source's `published_precision` share one scale.
    "ENUM_NAME_OVERRIDES": {"PrecisionEnum": "alignment.dates.Precision"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "alignment.api.schema.document_language",
    ],
}

# Each line once: Django's own "django" logger prints to the console with DEBUG and then
# passes the record up to the root's console, which printed it a second time; here the
# "django" logger has no handler of its own. The server's request lines keep Django's format.
# A 4xx is one line, without a traceback (common/log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_tracebacks": {"()": "common.log_filters.NoTracebackForClientErrors"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_client_tracebacks"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "loggers": {
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Fixtures (issue 13): JSON fixtures, `loaddata demo` included, are read through
# alignment.fixture_format, which checks every row with its model's own rules.
SERIALIZATION_MODULES = {"json": "alignment.fixture_format"}

# --- Hardening (issue 12): hostile input, HTTPS, headers, login lockout, two factors -----
# The admin site asks staff with an authenticator for its code (config/admin_site.py).
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "config.apps.AdminConfig"
INSTALLED_APPS += [
    # "common" (listed above): text fields refuse control characters (text.py); uploads wait
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
# Security headers on every answer, the 400s of RefuseUnstorableCharacters included, which
# refuses a NUL byte in the path or a parameter before anything reads the database.
# OTPMiddleware sits right after authentication; Axes answers a locked-out login last.
_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.RefuseUnstorableCharacters",
    *MIDDLEWARE[1:_AUTH],
    "django_otp.middleware.OTPMiddleware",
    *MIDDLEWARE[_AUTH:],
    "axes.middleware.AxesMiddleware",
]

# SQLite, the default database: concurrent staff wait for each other instead of failing
# with "database is locked". WAL lets readers and one writer work at once; a write
# transaction takes the write lock when it begins (IMMEDIATE), so two of them never
# deadlock after reading; a writer waits up to 20 s for the lock.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

# HTTPS: on by default without DEBUG. Redirects plain HTTP, marks cookies Secure and sends
# HSTS. HTTPS=0 for a server reached over plain HTTP (a local demo).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
# Behind PROXY_COUNT reverse proxies (the TLS one included) the scheme and the client's
# address come from their X-Forwarded-Proto and X-Forwarded-For headers; with 0, from the
# connection itself (a client could forge those headers).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Content-Security-Policy (django-csp): nothing inline, nothing from another host. The API
# docs view adds what Swagger UI needs (alignment/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

# Login lockout (django-axes): LOGIN_FAILURE_LIMIT failed logins lock the user name, and
# separately the address, for LOGIN_LOCKOUT_MINUTES. A superuser unlocks in the admin
# (Axes > Access attempts: delete the row) or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Two-factor login (django-otp, TOTP): staff who have an authenticator give its code at
# login; with OTP_REQUIRED=1 every staff user must have one.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Alignment Tracker")

# Spreadsheet imports (common/uploads.py): limits on a file's size, rows, unpacked size
# (an XLSX is a zip) and reading time; an upload waits for confirmation this many hours.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 3000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_SECONDS = env_int("IMPORT_MAX_SECONDS", 60)
IMPORT_UPLOAD_HOURS = env_int("IMPORT_UPLOAD_HOURS", 24)

# Four eyes: nobody approves a change they recorded, unless a one-person deployment says
# so with ALLOW_SELF_APPROVAL=1.
ALLOW_SELF_APPROVAL = env_bool("ALLOW_SELF_APPROVAL", False)
# --- end of hardening ---------------------------------------------------------------------
# --- Notifications (issue 14): task queue, e-mail, digests, subscriptions ---------------
# Celery on the Redis broker when REDIS_URL is set; without it (the demo) tasks run eagerly
# in the process that queued them. CELERY_EAGER=1 forces that even with REDIS_URL (the test
# suite sets it; the one test of a real worker turns it off). The schedule of periodic jobs
# is in config/celery.py.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies runs again: the outbox makes it safe
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# E-mail through Django's framework: SMTP when EMAIL_HOST is set, else the console (demo).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
try:
    EMAIL_PORT = int(env_str("EMAIL_PORT", "587" if EMAIL_HOST else "25"))
except ValueError as error:
    raise ImproperlyConfigured("EMAIL_PORT must be a port number.") from error
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None  # for the file backend only
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Alignment Tracker <noreply@localhost>")
# Absolute links in e-mails (to the admin, to confirm or unsubscribe) start with this.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Subscribing: per address and per client (IP), counted in the cache by django-ratelimit.
SUBSCRIBE_RATE_PER_ADDRESS = env_str("SUBSCRIBE_RATE_PER_ADDRESS", "3/h")
SUBSCRIBE_RATE_PER_CLIENT = env_str("SUBSCRIBE_RATE_PER_CLIENT", "20/h")
INSTALLED_APPS += ["notifications"]
