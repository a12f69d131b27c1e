"""Settings for a deployed service: safe by default, configured by environment variables.

`.env` is not read here unless DJANGO_READ_ENV_FILE=true (see base.py).
"""

import os
from urllib.parse import urlsplit

import django

from config.keys import STRONG_KEY_BITS, estimated_bits
from config.refusals import Refused

from .base import *
from .base import CACHES, DATABASES, MIDDLEWARE{% if cookiecutter.use_drf %}, REST_FRAMEWORK{% endif %}, env

DEBUG = False

# A deploy that forgot a setting stops here, with one line saying which (Refused), rather than
# serving with a guessable key, answering every request 400, or writing to a database
# nobody meant.

# The key signs sessions and password resets: refuse one that is missing, short, the
# .env.example placeholder, a development key, or one a person could guess (a sequence, a
# keyboard walk, a word or a few characters repeated: config/keys.py measures its chance).
# Read as it is: django-environ would take a key starting with "$" for the name of another
# variable, and Django's own generated keys may start with one.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if (
    len(SECRET_KEY) < 50
    or SECRET_KEY.startswith(("django-insecure-", "change-me"))
    or estimated_bits(SECRET_KEY) < STRONG_KEY_BITS
):
    raise Refused(
        "SECRET_KEY is missing or weak: production settings refuse to start without a "
        "strong one. Set SECRET_KEY to 50 or more random characters, e.g. the output of "
        '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"`.'
    )

# The host names the service answers to; "*" only with ALLOW_ANY_HOST=true, for a proxy
# in front that checks the Host header itself. A blank entry, or one for every host of a
# top-level domain (".com"), is a mistake.
ALLOWED_HOSTS = [host.strip() for host in env.list("ALLOWED_HOSTS", default=[])]
if not ALLOWED_HOSTS:
    raise Refused(
        "ALLOWED_HOSTS is not set: production settings refuse to start without it. Set "
        "ALLOWED_HOSTS to the host names the service answers to, e.g. "
        "ALLOWED_HOSTS=service.example.com,www.service.example.com."
    )
if any(
    not host.strip(".") or (host.startswith(".") and "." not in host[1:]) for host in ALLOWED_HOSTS
):
    raise Refused(
        f"ALLOWED_HOSTS={','.join(ALLOWED_HOSTS)!r} has a blank entry, or one that matches "
        "every host of a top-level domain: list the service's own host names."
    )
if "*" in ALLOWED_HOSTS and not env.bool("ALLOW_ANY_HOST", default=False):
    raise Refused(
        "ALLOWED_HOSTS=* accepts any Host header: list the service's host names instead, "
        "or set ALLOW_ANY_HOST=true if a proxy in front checks the host."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# base.py's default database is a developer's; a deploy names its own.
if not env.str("DATABASE_URL", default=""):
    raise Refused(
        "DATABASE_URL is not set: production settings refuse to start without it. Set "
        "DATABASE_URL to the production database's URL, as engine://user:password@host/name."
    )

# The sign-in limits and the API's rates count in the cache: one that each process keeps
# for itself counts apart in every worker and instance, so each allows the whole limit
# again. ALLOW_PER_PROCESS_CACHE=true accepts that, for a single process.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
if CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES and not env.bool(
    "ALLOW_PER_PROCESS_CACHE", default=False
):
    raise Refused(
        "CACHE_URL is not set, or names a cache each process keeps for itself, where the "
        "sign-in limits and API rates would count apart in every worker: set "
        "CACHE_URL=redis://host:6379/0, or ALLOW_PER_PROCESS_CACHE=true to accept that."
    )

# Served over ASGI (README.md), each request's code runs in a thread of its own, which
# ends with it: a connection is closed with its request, as Django's docs advise.
DATABASES["default"]["CONN_MAX_AGE"] = 0
# A request still running after REQUEST_TIMEOUT seconds has its database connections cut,
# and opens none in its last seconds (core/timeouts.py): a database that stops answering
# holds no request for longer.
MIDDLEWARE = [
    *MIDDLEWARE,
    "{{ cookiecutter.project_slug }}.core.timeouts.RequestTimeoutMiddleware",
]

# Static files are collected (`manage.py collectstatic`) and served by WhiteNoise, right
# after SecurityMiddleware, compressed and with hashes in their names, so cached forever
# (through core/middleware.py, which keeps the stack async).
after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:after_security],
    "{{ cookiecutter.project_slug }}.core.middleware.StaticFilesMiddleware",
    *MIDDLEWARE[after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Outgoing mail (password resets, error reports{% if cookiecutter.example_app %}, the review alerts{% endif %}) goes over SMTP, from one URL:
# EMAIL_URL=smtp+tls://user:password@smtp.example.com:587 (smtp+ssl:// for port 465; a
# password's special characters percent-encoded). A mail server that stops answering fails
# the send after EMAIL_TIMEOUT seconds: without a timeout it would hold the request that sends
# the mail, and the worker serving it, for as long as the connection stays open.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_URL = env.str("EMAIL_URL", default="smtp://localhost:25")
SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
email_scheme = urlsplit(EMAIL_URL).scheme
if email_scheme not in SMTP_PORTS:
    raise Refused(
        f"EMAIL_URL={EMAIL_URL.split('@')[-1]!r} is not an SMTP server's URL: write it as "
        "smtp://host:25, smtp+tls://user:password@host:587 or smtp+ssl://user:password@host:465."
    )
email = env.email_url_config(EMAIL_URL)
SMTP = {
    "host": email["EMAIL_HOST"] or "localhost",
    "port": email["EMAIL_PORT"] or SMTP_PORTS[email_scheme],
    "username": email["EMAIL_HOST_USER"] or "",
    "password": email["EMAIL_HOST_PASSWORD"] or "",
    "use_tls": email.get("EMAIL_USE_TLS", False),
    "use_ssl": email.get("EMAIL_USE_SSL", False),
    "timeout": env.float("EMAIL_TIMEOUT", default=10),
}
if django.VERSION >= (6, 1):
    MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP}
    }
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = SMTP["host"]
    EMAIL_PORT = SMTP["port"]
    EMAIL_HOST_USER = SMTP["username"]
    EMAIL_HOST_PASSWORD = SMTP["password"]
    EMAIL_USE_TLS = SMTP["use_tls"]
    EMAIL_USE_SSL = SMTP["use_ssl"]
    EMAIL_TIMEOUT = SMTP["timeout"]

{% if cookiecutter.use_drf -%}
# The docs page is for local work: Swagger UI's files come with a development tool
# (drf-spectacular-sidecar). Production serves the schema, at /api/schema/.
if API_DOCS:
    raise Refused(
        "API_DOCS=true: production settings serve no docs page, as Swagger UI's files are "
        "a development tool's. Unset API_DOCS, and read /api/schema/ in a viewer of your own."
    )

# The API answers JSON only: its browsable HTML pages are for local work.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

{% endif -%}
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

# One line per record on standard error, for the platform to collect, with the request's
# id; a failure's traceback only the first time the process meets it (core/logs.py), so an
# outage writes a line per failed request, not a traceback each. A request for a host not
# in ALLOWED_HOSTS (a scanner, a probe by IP) is answered 400 and not logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "{{ cookiecutter.project_slug }}.core.logs.RequestIdFilter",
        },
        "first_traceback": {
            "()": "{{ cookiecutter.project_slug }}.core.logs.FirstTracebackFilter",
        },
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["request_id", "first_traceback"],
        },
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["discard"], "propagate": False},
    },
}
