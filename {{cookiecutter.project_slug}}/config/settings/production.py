"""Settings for a deployed service: safe by default, configured by environment variables.

`.env` is not read here unless DJANGO_READ_ENV_FILE=true (see base.py).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import DATABASES, MIDDLEWARE, env

DEBUG = False

# The key signs sessions and password resets: refuse one that is missing, short, the
# .env.example placeholder or a development key, as Django's deploy checklist would.
SECRET_KEY = env.str("SECRET_KEY", default="")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure-")
    or SECRET_KEY.startswith("change-me")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or weak: production settings refuse to start without a "
        "strong one. Set SECRET_KEY to 50 or more random characters, e.g. the output of "
        '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"`.'
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Static files are collected (`manage.py collectstatic`) and served by WhiteNoise, right
# after SecurityMiddleware, compressed and with hashes in their names, so cached forever.
after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere; the proxy in front of the service says which requests came over TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# HSTS is a promise browsers keep for as long as it says: start short, and raise it once
# the whole site (and every subdomain, before INCLUDE_SUBDOMAINS) is served over HTTPS.
# README.md gives the stages; until a stage is taken, its deploy-check warning is silenced.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, taken in [
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    ]
    if not taken
]

# One line per record on standard error, for the platform to collect. A request for a
# host not in ALLOWED_HOSTS (a scanner, a probe by IP) is answered 400 and not logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["discard"], "propagate": False},
    },
}
