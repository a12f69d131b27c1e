"""Settings for the test suite: whatever can be fast and in memory is.

pytest uses these (see [tool.pytest.ini_options] in pyproject.toml). The database still
comes from DATABASE_URL, so the same suite runs on SQLite or on the production engine.
"""

import django

from .base import *

SECRET_KEY = "test-settings-only-not-a-secret"
DEBUG = False

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

# Django 6.0+ background tasks run at once, inside the test that enqueues them.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Sessions live in the cache: logging a test user in writes nothing to the database. A test
# about database sessions sets settings.SESSION_ENGINE = "django.contrib.sessions.backends.db".
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
