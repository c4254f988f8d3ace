"""Culture Room settings, read from the environment.

With no configuration at all the app runs on a facilitator's laptop: SQLite, Channels'
in-memory layer, console e-mail, one daphne process. DATABASE_URL and REDIS_URL switch to
PostgreSQL and Redis for a scaled-out deployment.
"""

from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _laptop_secret_key() -> str:
    """A random key kept in var/, so participants' cookies survive a restart."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "x") as handle:
                handle.write(secrets.token_urlsafe(50))
        except FileExistsError:
            pass  # another process wrote it first
    return path.read_text().strip()


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _laptop_secret_key()
# Phones reach the laptop by its LAN address, which nobody knows in advance.
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["*"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# Where phones reach the app, e.g. https://room.example.com; by default the request's own host.
PUBLIC_URL = os.environ.get("PUBLIC_URL", "").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials",
    "workshops",
    "rituals",
    "culture_program",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

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
                "workshops.links.navigation",
                "workshops.kinds.assets",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Sockets run their queries on a worker thread; keeping its connection open saves a
        # new connection per message (3.6 s → 0.3 s for 250 phones to follow a stage change).
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the presenter read while phones write; a short busy wait beats "database locked".
    DATABASES["default"]["OPTIONS"] = {
        # Past this wait for another writer, a change is answered "not saved yet" and retried.
        "timeout": envint("DB_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "capacity": 1500, "expiry": 30},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "config.layers.SweepingInMemoryChannelLayer",
            "CONFIG": {"capacity": 1500, "expiry": 30},
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workshop_list"
LOGOUT_REDIRECT_URL = "landing"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Culture Room <noreply@localhost>")

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# daphne serves the static files itself through WhiteNoise, straight from the app folders,
# so a fresh clone needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Participants: the identity cookie and the join rate limit.
PARTICIPANT_COOKIE = "culture_room_participant"
PARTICIPANT_COOKIE_MAX_AGE = 60 * 60 * 24 * 30

# Abuse limits (workshops/limits.py, docs/security.md). Per client address: the address the
# connection comes from, or behind a proxy (BEHIND_PROXY) the one the proxy appended last to
# X-Forwarded-For. A conference network puts hundreds of phones behind one address: only
# wrong codes are held to a small number.
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
RATELIMIT_IP_META_KEY = "workshops.limits.client_ip"
# Wrong room codes (and room pages or uploads for a room one is not in).
JOIN_FAILURES_PER_WINDOW = envint("JOIN_FAILURES_PER_WINDOW", 20)
JOIN_FAILURE_WINDOW_SECONDS = envint("JOIN_FAILURE_WINDOW_SECONDS", 600)
# Look-ups on the join pages (the QR link, the code form, the name form).
JOINS_PER_WINDOW = envint("JOINS_PER_WINDOW", 3000)
JOIN_WINDOW_SECONDS = envint("JOIN_WINDOW_SECONDS", 600)
# Room sockets opened.
SOCKET_OPENS_PER_WINDOW = envint("SOCKET_OPENS_PER_WINDOW", 3000)
SOCKET_OPEN_WINDOW_SECONDS = envint("SOCKET_OPEN_WINDOW_SECONDS", 60)
# Per socket: a token bucket of messages (refilled per second, burst = bucket size).
SOCKET_MESSAGES_PER_SECOND = envint("SOCKET_MESSAGES_PER_SECOND", 10)
SOCKET_MESSAGE_BURST = envint("SOCKET_MESSAGE_BURST", 60)
# Notes one person may add to one board (a board's own, lower cap still applies).
NOTES_PER_PERSON_MAX = envint("NOTES_PER_PERSON_MAX", 50)

# Behind TLS (HTTPS=true), cookies are secure and browsers are told to stay on https.
HTTPS = envbool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Picture notes: the largest upload a phone may send (workshops/pictures.py re-encodes it small).
PICTURE_MAX_BYTES = envint("PICTURE_MAX_BYTES", 10 * 1024 * 1024)
# A request body larger than this is refused before it is read (config/asgi.py): a picture
# and the form's few fields.
REQUEST_MAX_BYTES = PICTURE_MAX_BYTES + 256 * 1024
# Form fields other than files: every form here is a few kilobytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Uploads up to this size stay in memory, larger ones go to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
# Pictures checked at once per process, and how long an upload waits for its turn.
PICTURE_WORKERS = envint("PICTURE_WORKERS", 2)
PICTURE_WAIT_SECONDS = envint("PICTURE_WAIT_SECONDS", 5)
# Picture uploads per participant.
PICTURE_UPLOADS_PER_WINDOW = envint("PICTURE_UPLOADS_PER_WINDOW", 30)
PICTURE_UPLOAD_WINDOW_SECONDS = envint("PICTURE_UPLOAD_WINDOW_SECONDS", 600)
