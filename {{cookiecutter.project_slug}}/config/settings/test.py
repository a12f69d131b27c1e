"""Settings for the test suite: whatever can be fast and in memory is.

pytest uses these (see [tool.pytest.ini_options] in pyproject.toml). The database still
comes from DATABASE_URL, so the same suite runs on SQLite or on the production engine.
"""

import django

from .base import *

SECRET_KEY = "test-settings-only-not-a-secret"
DEBUG = False
# Fixed here, not read from .env: a fresh checkout (CI, a copy made by a tool) has none.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]

# Mutation testing (mutmut) runs the suite in a copy of the project, mutants/, many runs
# side by side: each gets an in-memory SQLite database of its own, whatever DATABASE_URL says.
if BASE_DIR.name == "mutants":
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# Password hashing is slow on purpose; in tests every created user would pay for it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sent mail is kept in django.core.mail.outbox (Django 6.1 names backends in MAILERS).
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

{% if cookiecutter.example_app -%}
# Background tasks run at once, inside the test that enqueues them (Django's own from 6.0
# on, the django-tasks backport's on 5.2).
tasks = "django.tasks" if django.VERSION >= (6, 0) else "django_tasks"
TASKS = {"default": {"BACKEND": f"{tasks}.backends.immediate.ImmediateBackend"}}
{%- else -%}
# Django 6.0+ background tasks run at once, inside the test that enqueues them.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
{%- endif %}

{%- if cookiecutter.use_drf %}

# The API's docs page as local settings serve it, Swagger UI's files included.
INSTALLED_APPS = [*INSTALLED_APPS, "drf_spectacular_sidecar"]
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, **SWAGGER_UI_FROM_SIDECAR}
{%- endif %}

# Sessions live in the cache: logging a test user in writes nothing to the database. A test
# about database sessions sets settings.SESSION_ENGINE = "django.contrib.sessions.backends.db".
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
