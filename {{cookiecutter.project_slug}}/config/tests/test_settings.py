"""The test settings are what make the suite fast; these keep them that way."""

import django
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import InMemoryStorage, storages


def test_passwords_are_hashed_with_the_fast_hasher():
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")


def test_email_is_kept_in_memory():
    if django.VERSION >= (6, 1):
        backend = settings.MAILERS["default"]["BACKEND"]
    else:
        backend = settings.EMAIL_BACKEND
    assert backend == "django.core.mail.backends.locmem.EmailBackend"


def test_cache_is_local_memory():
    assert type(caches["default"]).__name__ == "LocMemCache"


def test_uploaded_files_stay_in_memory():
    assert isinstance(storages["default"], InMemoryStorage)


def test_the_suite_never_runs_in_debug_mode():
    assert settings.DEBUG is False
