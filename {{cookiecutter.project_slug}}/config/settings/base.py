{#- A Python string of any one-line text: the pre-gen hook refuses control characters. -#}
{%- macro py(text) %}"{{ text | replace('\\', '\\\\') | replace('"', '\\"') }}"{% endmacro -%}
"""Settings shared by every environment; local.py, test.py and production.py build on them.

Values that differ between machines come from the environment, or locally from a `.env`
file beside manage.py, which never overrides a variable that is already set.
"""

import os
from pathlib import Path

import django
import environ

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
# `.env` holds a developer's values. A deployed service is configured by its environment
# alone: under production settings the file is read only when DJANGO_READ_ENV_FILE=true,
# so a `.env` shipped along with the code is never used by accident.
in_production = os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.production"
if env.bool("DJANGO_READ_ENV_FILE", default=not in_production) and (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-development-only")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
{%- if cookiecutter.use_drf %}
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
{%- endif %}
    "{{ cookiecutter.project_slug }}.core",
    "{{ cookiecutter.project_slug }}.users",
{%- if cookiecutter.example_app %}
    "{{ cookiecutter.project_slug }}.orders",
    "{{ cookiecutter.project_slug }}.reviews",
{%- endif %}
]

MIDDLEWARE = [
    # Each request's id, on its answer and on every log line about it (core/logs.py).
    "{{ cookiecutter.project_slug }}.core.logs.RequestIdMiddleware",
    # Security headers on every answer, /health/'s included; the health check answers
    # next, before anything reads the Host header (core/middleware.py).
    "django.middleware.security.SecurityMiddleware",
    "{{ cookiecutter.project_slug }}.core.middleware.HealthCheckMiddleware",
    (
        "django.middleware.csp.ContentSecurityPolicyMiddleware"
        if django.VERSION >= (6, 0)
        else "{{ cookiecutter.project_slug }}.core.middleware.CSPMiddleware"
    ),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
{%- if cookiecutter.use_drf %}
    # An API answer to a client with credentials is kept by no cache (core/caching.py).
    "{{ cookiecutter.project_slug }}.core.caching.PrivateApiAnswers",
{%- endif %}
]

# How many proxies in front of the service append the client's address to
# X-Forwarded-For: limits per client count by the address the outermost one saw. With
# none (0), by the connection's address, and the header, which any client can write, is
# ignored; a number above the proxies there are lets a client choose its own address.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# The cache the limits count in, which every process and instance must share: Redis in
# production (CACHE_URL=redis://host:6379/0). In memory, each process counts for itself.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Services that share one Redis keep their keys apart by a prefix (CACHE_KEY_PREFIX).
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
# Password guesses (core/signins.py), on every path that checks a password: attempts
# checked within a window of seconds, for one account from one client, from one client,
# and for one account from every client that has not signed in to it before.
AUTHENTICATION_BACKENDS = [
    "{{ cookiecutter.project_slug }}.core.signins.LimitedModelBackend",
]
SIGN_IN_LIMITS = {
    "per_client_and_account": 5,
    "per_client": 20,
    "per_account": 50,
    "window": 15 * 60,
    "remember_client": 30 * 24 * 60 * 60,
}

# A probe over plain HTTP gets its answer, not a redirect to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# The Content-Security-Policy every answer carries: pages (the admin, the API's docs and
# browsable pages) load scripts, styles, images and fonts from the service itself only,
# post forms to it only, and no other site may frame them. Django sends it from 6.0 on,
# core/middleware.py on 5.2. Loading from a CDN, say, means adding it here.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    # Inline styles too: the admin's and Swagger UI's pages use a few; scripts stay 'self'.
    "style-src": ["'self'", "'unsafe-inline'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

ROOT_URLCONF = "config.urls"
# `manage.py test` runs the suite with pytest (config/runner.py).
TEST_RUNNER = "config.runner.PytestRunner"
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
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL",
{%- if cookiecutter.database == "sqlite" %}
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
{%- elif cookiecutter.database == "postgresql" %}
        default="postgres://postgres@127.0.0.1:5432/{{ cookiecutter.project_slug }}",
{%- else %}
        default="mysql://root@127.0.0.1:3306/{{ cookiecutter.project_slug }}",
{%- endif %}
    ),
}

# How long to wait for the database, in seconds: to connect (the health check's bound
# too), and for one statement (0: no limit; a long data migration may need
# DATABASE_STATEMENT_TIMEOUT=0). Lowercase names here and below are helpers, not settings.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
statement_timeout = env.int("DATABASE_STATEMENT_TIMEOUT", default=10)
# How long a request may run before its database connections are cut, in seconds (in
# production, core/timeouts.py; 0: never): a server that stopped answering never enforces
# its own statement timeout.
REQUEST_TIMEOUT = env.int(
    "REQUEST_TIMEOUT",
    default=statement_timeout + DATABASE_CONNECT_TIMEOUT if statement_timeout else 0,
)
# Options only one engine understands, for whichever engine DATABASE_URL names; an option
# in the URL's query string wins.
engine_options = {
    "django.db.backends.postgresql": {
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        "options": f"-c statement_timeout={statement_timeout * 1000}",
    },
    "django.db.backends.mysql": {
        # Full Unicode, emoji included; the client gives up on a silent server.
        "charset": "utf8mb4",
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        **({"read_timeout": statement_timeout} if statement_timeout else {}),
    },
}
DATABASES["default"]["OPTIONS"] = {
    **engine_options.get(DATABASES["default"]["ENGINE"], {}),
    **DATABASES["default"].get("OPTIONS", {}),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
# Django's own backends, each connection opened within its request's time and cut when
# that is over (core/timeouts.py, production's REQUEST_TIMEOUT), whichever server
# DATABASE_URL names.
WATCHED_ENGINES = {
    "django.db.backends.postgresql": "{{ cookiecutter.project_slug }}.core.postgresql",
    "django.db.backends.mysql": "{{ cookiecutter.project_slug }}.core.mysql",
}
DATABASES["default"]["ENGINE"] = WATCHED_ENGINES.get(
    DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"]
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
{%- if cookiecutter.example_app %}

# Who is mailed about a new lowest-rated review: MANAGERS=shop@example.com,owner@example.com
MANAGERS = env.list("MANAGERS", default=[])
if django.VERSION < (6, 0):
    MANAGERS = [(address, address) for address in MANAGERS]

# Background tasks (the managers' mail) are rows in the database until `manage.py
# db_worker` runs them: no request waits for them. Django's tasks from 6.0 on, the
# django-tasks backport on 5.2; the backend is django-tasks-db's.
INSTALLED_APPS += ["django_tasks_db"]
if django.VERSION < (6, 0):
    INSTALLED_APPS += ["django_tasks"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A managers' mail that fails is tried again ALERT_RETRY_DELAY seconds later, then after
# twice as long each time, ALERT_TRIES times in all (by default over about four hours).
ALERT_TRIES = env.int("ALERT_TRIES", default=10)
ALERT_RETRY_DELAY = env.float("ALERT_RETRY_DELAY", default=30)
{%- endif %}
{%- if cookiecutter.use_drf %}

REST_FRAMEWORK = {
    # Token first: an anonymous request is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "{{ cookiecutter.project_slug }}.core.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "{{ cookiecutter.project_slug }}.core.pages.PageNumbers",
    "PAGE_SIZE": 20,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # JSON bodies only, bounded; every error a JSON answer (see core/parsers.py, core/api.py).
    "DEFAULT_PARSER_CLASSES": ["{{ cookiecutter.project_slug }}.core.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "{{ cookiecutter.project_slug }}.core.api.exception_handler",
    # Requests per client: anonymous ones by address (NUM_PROXIES), signed-in ones by
    # account, and the token endpoint's stricter; past one, a 429 with Retry-After. Counted
    # exactly in the shared cache (core/throttles.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "{{ cookiecutter.project_slug }}.core.throttles.AnonRateThrottle",
        "{{ cookiecutter.project_slug }}.core.throttles.UserRateThrottle",
        "{{ cookiecutter.project_slug }}.core.throttles.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_RATE_ANONYMOUS", default="60/minute"),
        "user": env.str("API_RATE_USER", default="300/minute"),
        "auth": env.str("API_RATE_AUTH", default="10/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    # The OpenAPI schema at /api/schema/, every operation's errors in it (core/schema.py).
    "DEFAULT_SCHEMA_CLASS": "{{ cookiecutter.project_slug }}.core.schema.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": {{ py(cookiecutter.project_name) }},
    "DESCRIPTION": {{ py(cookiecutter.description) }},
    "VERSION": {{ py(cookiecutter.version) }},
    "SERVE_INCLUDE_SCHEMA": False,
    # Who may read the schema at /api/schema/: anyone, or with API_SCHEMA_PUBLIC=false
    # only a signed-in user (a token, or the admin's session).
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.AllowAny"
        if env.bool("API_SCHEMA_PUBLIC", default=True)
        else "rest_framework.permissions.IsAuthenticated"
    ],
    # The shapes of the API's errors (core/api.py): {"detail": "..."}, and for an invalid
    # body, messages by field. core/schema.py adds them to the operations that answer them.
    "APPEND_COMPONENTS": {
        "schemas": {
            "Error": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            },
            "ValidationError": {"type": "object", "additionalProperties": {}},
        },
    },
}

# The API has one version: the schema takes no other from a client's `?version=` (which
# drf-spectacular would echo in a response header, control characters and all).
REST_FRAMEWORK["ALLOWED_VERSIONS"] = [SPECTACULAR_SETTINGS["VERSION"]]

# The schema as a browsable page at /api/docs/ (on in local settings). Settings that serve
# it add drf-spectacular-sidecar (a dev dependency) and these: Swagger UI's own files,
# served with the other static files, so the page works offline, at the version uv.lock
# pins, not a CDN's latest.
API_DOCS = env.bool("API_DOCS", default=False)
SWAGGER_UI_FROM_SIDECAR = {"SWAGGER_UI_DIST": "SIDECAR", "SWAGGER_UI_FAVICON_HREF": "SIDECAR"}
{%- endif %}
