"""Settings for the invoeringstoets application.

One module, read from the environment. Without any environment the application runs in its embedded default:
a SQLite file in the project folder and Celery tasks executed in-process. Production switches on PostgreSQL
(`DATABASE_URL`), Redis (`CELERY_BROKER_URL`) and `DEBUG=0` through the environment, never by editing this file.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# The embedded default is a developer's own machine; production sets DEBUG=0 and must then give a SECRET_KEY.
DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY moet gezet zijn als DEBUG uit staat.")
    SECRET_KEY = "django-insecure-alleen-voor-lokaal-gebruik"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "invoeringstoets",
    "dossiers",
    "indicatoren",
    "rapportage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form sent twice (a retry after a lost answer, a double click) is stored once.
    "invoeringstoets.verzending.OnceOnlyMiddleware",
    "invoeringstoets.middleware.SessionLifetimeMiddleware",
    "invoeringstoets.middleware.PrivatePagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: it turns a lock-out into the Dutch page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "invoeringstoets.urls"
WSGI_APPLICATION = "invoeringstoets.wsgi.application"

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
                "dossiers.context_processors.roles",
            ],
            # `{% formulier_token %}` in every POST form, without a load tag.
            "builtins": ["invoeringstoets.templatetags.formulieren"],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:5432/name), else a SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout let the web process and a worker share the file without
    # "database is locked" errors. Tests use a file too, so that a worker process can read what a test wrote.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # One file per test run (not shared in memory), so parallel runs never meet and a worker process can join in.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get(
            "TEST_SQLITE_NAME", str(Path(tempfile.gettempdir()) / f"invoeringstoets-test-{os.getpid()}.sqlite3")
        )
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id with OWASP's parameters first (invoeringstoets.security.Argon2id); the others only to read older hashes,
# which are replaced by an Argon2id hash at the next log-in.
PASSWORD_HASHERS = [
    "invoeringstoets.security.Argon2id",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dossiers:list"
# No redirect: the "U bent uitgelogd" page confirms it.
LOGOUT_REDIRECT_URL = None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media (reports, evidence) are never served directly: only through views that check the reader's rights.
MEDIA_URL = "/media-niet-openbaar/"
# Evidence and reports go through Django's storage API. Default: the local media folder. With a bucket in the
# environment, an S3-compatible object store (django-storages), so several web and worker machines share the files.
# Credentials come from the environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
S3_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, a government cloud
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,  # private objects; the bucket policy decides, never public-read
            "file_overwrite": False,  # a report or piece of evidence is never replaced by a namesake
            "querystring_auth": True,
        },
    }
    if S3_BUCKET
    # A file is written whole or not at all (a full disk leaves no partial file): invoeringstoets.opslag.
    else {"BACKEND": "invoeringstoets.opslag.HeelOfNietOpslag"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default, now

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Production (DEBUG off) runs behind HTTPS: secure cookies, HSTS and a redirect to https. `HTTPS=0` turns
# those off for trying the production settings on http://127.0.0.1 (make run does that); never in production.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer asks /health/ over plain HTTP inside the network; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
# How many proxies of our own stand before the application (each adds one X-Forwarded-For entry).
PROXY_AANTAL = max(1, int(os.environ.get("PROXY_AANTAL", "1")))
if BEHIND_PROXY:
    # The proxy terminates TLS and says so in this header; only trust it when there is such a proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# A session ends after this many minutes without a request (each request extends it), when the browser closes,
# and when the password changes (Django checks the password hash in the session).
SESSION_COOKIE_AGE = int(os.environ.get("SESSIE_MINUTEN", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, a session ends this many hours after log-in (invoeringstoets.middleware).
SESSIE_MAX_UREN = float(os.environ.get("SESSIE_MAX_UREN", "10"))

# Content Security Policy: everything from this application itself, no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Brute force: after 5 failed log-ins for one username from one address, that combination waits 15 minutes; after 20
# failed log-ins from one address for any usernames (password spraying), that address waits too. The address is the
# client's, read from the proxy's header when BEHIND_PROXY is set (invoeringstoets.security.client_address).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADRES_LIMIET = int(os.environ.get("AXES_ADRES_LIMIET", "20"))
AXES_HANDLER = "invoeringstoets.security.LoginThrottle"
AXES_CLIENT_IP_CALLABLE = "invoeringstoets.security.client_address"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTEN", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # our own security log records failures, without the IP address in plain text
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Celery: with a broker URL, tasks go to Redis and run in worker processes; without one they run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task may run this long (a report of a few hundred pages); a minute before, it is asked to stop cleanly.
CELERY_TASK_TIME_LIMIT = int(os.environ.get("TAAK_TIJDSLIMIET_SECONDEN", "300"))
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - min(60, CELERY_TASK_TIME_LIMIT // 5)
# A late-acked task is re-delivered after the visibility timeout; it must be longer than any task may run.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Reports have a queue of their own, so machines can be added that only make reports (`--queues rapporten`);
# the daily and periodic housekeeping stays on the default queue `celery`.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {"rapportage.render_rapport": {"queue": "rapporten"}}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "herscreening-dagelijks": {
        "task": "indicatoren.herscreening_check",
        "schedule": crontab(hour=6, minute=0),
    },
    "acties-herinneren-dagelijks": {
        "task": "dossiers.acties_herinneren",
        "schedule": crontab(hour=7, minute=0),
    },
    "verzendingen-opruimen": {
        "task": "invoeringstoets.verzendingen_opruimen",
        "schedule": crontab(hour=5, minute=30),
    },
    "bestanden-opruimen": {
        "task": "invoeringstoets.bestanden_opruimen",
        "schedule": crontab(hour=5, minute=45),
    },
    "rapporten-opruimen": {
        "task": "rapportage.rapporten_opruimen",
        "schedule": float(os.environ.get("RAPPORT_OPRUIMEN_SECONDEN", "30")),
    },
}

# Report requests: attempts before a request fails for good, and how long a request handed to the broker may wait
# before the sweep queues it again (a message lost with the broker). A request the broker never got (it was down)
# is sent by the next sweep, every RAPPORT_OPRUIMEN_SECONDEN, so as soon as the broker is back.
RAPPORT_MAX_POGINGEN = int(os.environ.get("RAPPORT_MAX_POGINGEN", "3"))
RAPPORT_WACHTRIJ_SECONDEN = int(os.environ.get("RAPPORT_WACHTRIJ_SECONDEN", "600"))

# Evidence files: at most this many bytes each (default 20 MB).
BEWIJS_MAX_BYTES = int(os.environ.get("BEWIJS_MAX_MB", "20")) * 1_000_000
# An Office or OpenDocument file (a ZIP) may unpack to at most this many bytes, all its parts together.
BEWIJS_ZIP_MAX_BYTES = int(os.environ.get("BEWIJS_ZIP_MAX_MB", "250")) * 1_000_000
# Uploads above this size go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000

# A "geen invoeringstoets" dossier is flagged for re-screening once this many signals (weighted by their count)
# have been recorded after the decision.
HERSCREENING_SIGNAAL_DREMPEL = int(os.environ.get("HERSCREENING_SIGNAAL_DREMPEL", "10"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "invoeringstoets@localhost")
# The address of the application, for links in e-mails sent outside a request.
# Where users report an accessibility problem; the statement at /toegankelijkheid/ shows it.
TOEGANKELIJKHEID_CONTACT = os.environ.get("TOEGANKELIJKHEID_CONTACT", "de functioneel beheerder van uw organisatie")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "invoeringstoets.logs.JsonFormatter"},
    },
    "filters": {"client_errors": {"()": "invoeringstoets.logs.NoTracebackForClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["client_errors"]},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "invoeringstoets.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # Axes writes its own lines with the address; ours (above) has the address hashed.
        "axes": {"level": "WARNING"},
        # WeasyPrint warns about every resource our fetcher refuses; that is intended, not news.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
