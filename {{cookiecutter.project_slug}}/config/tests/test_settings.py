"""The test settings are what make the suite fast; these keep them that way."""

import runpy
import secrets

import django
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
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


@pytest.mark.parametrize(
    "key",
    [
        "",
        "short",
        "change-me-to-a-long-random-string",
        "django-insecure-" + "x" * 50,
        "ab" * 30,
    ],
    ids=["empty", "short", "the placeholder", "a development key", "few characters"],
)
def test_production_refuses_a_weak_secret_key(monkeypatch, key):
    monkeypatch.setenv("SECRET_KEY", key)

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is missing or weak"):
        runpy.run_module("config.settings.production")


def test_production_takes_a_strong_secret_key(monkeypatch):
    key = secrets.token_urlsafe(50)
    monkeypatch.setenv("SECRET_KEY", key)

    assert runpy.run_module("config.settings.production")["SECRET_KEY"] == key


def database_settings(monkeypatch, url):
    """``DATABASES["default"]`` as base.py makes it for ``url``."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "3")
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "20")
    base = settings.BASE_DIR / "config" / "settings" / "base.py"
    return runpy.run_path(str(base))["DATABASES"]["default"]


def test_postgresql_gets_its_own_timeouts_only(monkeypatch):
    database = database_settings(monkeypatch, "postgres://u@db.example:5432/app")

    assert database["OPTIONS"] == {"connect_timeout": 3, "options": "-c statement_timeout=20000"}
    assert "TEST" not in database


def test_mysql_gets_full_unicode_and_its_own_timeouts_only(monkeypatch):
    database = database_settings(monkeypatch, "mysql://u@db.example:3306/app")

    assert database["OPTIONS"] == {"charset": "utf8mb4", "connect_timeout": 3, "read_timeout": 20}
    assert database["TEST"] == {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}


def test_sqlite_gets_no_server_options(monkeypatch):
    database = database_settings(monkeypatch, "sqlite:///app.sqlite3")

    assert database["OPTIONS"] == {}
    assert "TEST" not in database


def test_an_option_in_the_url_wins(monkeypatch):
    database = database_settings(monkeypatch, "postgres://u@db.example/app?connect_timeout=9")

    assert database["OPTIONS"]["connect_timeout"] in (9, "9")
