"""What the settings make of the environment: database options, secret keys, mail, logs."""

import io
import logging
import logging.handlers
import runpy
import secrets
import socket
import string
import sys
import threading

import django
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.core.management.utils import get_random_secret_key

from {{ cookiecutter.project_slug }}.core.logs import (
    FirstTracebackFilter,
    RequestIdFilter,
    request_id,
)

# What a deploy sets, so that a test can leave out or change one; no .env is read.
DEPLOY = {
    "ALLOWED_HOSTS": "service.example.com",
    "CACHE_URL": "redis://cache.example:6379/0",
    "DATABASE_URL": "sqlite://:memory:",
    "DJANGO_READ_ENV_FILE": "false",
}


def production_settings(monkeypatch, **environ):
    """The settings production.py makes of ``environ``, over a deploy's (a strong key, a
    host, a database) and no mail settings; a variable given as None is unset."""
    monkeypatch.delenv("EMAIL_URL", raising=False)
    monkeypatch.delenv("EMAIL_TIMEOUT", raising=False)
    monkeypatch.delenv("ALLOW_ANY_HOST", raising=False)
    monkeypatch.delenv("ALLOW_PER_PROCESS_CACHE", raising=False)
    monkeypatch.delenv("API_DOCS", raising=False)
    for name, value in {"SECRET_KEY": secrets.token_urlsafe(50), **DEPLOY, **environ}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    # base.py too is read anew, from this environment.
    monkeypatch.delitem(sys.modules, "config.settings.base")
    return runpy.run_module("config.settings.production")


@pytest.mark.parametrize(
    "key",
    [
        None,
        "short",
        "change-me-to-a-long-random-string",
        "django-insecure-" + "x" * 50,
        "ab" * 30,
        "password" * 7,
        "12345" * 10,
        string.ascii_letters,
        "qwertyuiopasdfghjklzxcvbnmQWERTYUIOPASDFGHJKLZXCVBNM",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/" * 2,
        "correcthorsebatterystaple" * 2 + "!!",
    ],
    ids=[
        "missing",
        "short",
        "the placeholder",
        "a development key",
        "few characters",
        "a word repeated",
        "digits repeated",
        "a sequence",
        "a keyboard walk along the rows",
        "a keyboard walk down the columns",
        "words repeated, with a tail",
    ],
)
def test_production_refuses_a_weak_secret_key(monkeypatch, key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is missing or weak"):
        production_settings(monkeypatch, SECRET_KEY=key)


@pytest.mark.parametrize(
    "key",
    [
        secrets.token_urlsafe(50),
        secrets.token_hex(25),
        get_random_secret_key(),
        "$" + get_random_secret_key()[1:],
    ],
    ids=["urlsafe", "hex", "django's", "django's, starting with $"],
)
def test_production_takes_a_strong_secret_key(monkeypatch, key):
    assert production_settings(monkeypatch, SECRET_KEY=key)["SECRET_KEY"] == key


def test_random_keys_are_always_strong_enough():
    from config.keys import STRONG_KEY_BITS, estimated_bits

    for _ in range(200):
        assert estimated_bits(secrets.token_hex(25)) >= STRONG_KEY_BITS
        assert estimated_bits(get_random_secret_key()) >= STRONG_KEY_BITS


@pytest.mark.parametrize(
    ("environ", "refusal"),
    [
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is not set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is not set"),
        ({"ALLOWED_HOSTS": "*"}, "accepts any Host header"),
        ({"ALLOWED_HOSTS": "api.example.com,*"}, "accepts any Host header"),
        ({"ALLOWED_HOSTS": " "}, "has a blank entry"),
        ({"ALLOWED_HOSTS": "api.example.com, "}, "has a blank entry"),
        ({"ALLOWED_HOSTS": ".com"}, "every host of a top-level domain"),
        ({"ALLOWED_HOSTS": "api.example.com,.org"}, "every host of a top-level domain"),
        ({"DATABASE_URL": None}, "DATABASE_URL is not set"),
        ({"CACHE_URL": None}, "each process keeps for itself"),
        ({"CACHE_URL": "locmemcache://"}, "each process keeps for itself"),
        ({"CACHE_URL": "filecache:///tmp/cache"}, "each process keeps for itself"),
{%- if cookiecutter.use_drf %}
        ({"API_DOCS": "true"}, "serve no docs page"),
{%- endif %}
    ],
    ids=[
        "no hosts",
        "empty hosts",
        "any host",
        "any host among others",
        "a blank host",
        "a blank host among others",
        "a top-level domain",
        "a top-level domain among others",
        "no database",
        "no cache",
        "a cache in memory",
        "a cache in files",
{%- if cookiecutter.use_drf %}
        "the docs page",
{%- endif %}
    ],
)
def test_production_refuses_to_start_without_what_a_deploy_must_set(monkeypatch, environ, refusal):
    with pytest.raises(ImproperlyConfigured, match=refusal):
        production_settings(monkeypatch, **environ)


def test_any_host_is_an_explicit_choice(monkeypatch):
    made = production_settings(monkeypatch, ALLOWED_HOSTS="*", ALLOW_ANY_HOST="true")

    assert made["ALLOWED_HOSTS"] == ["*"]


def test_a_domain_and_its_subdomains_are_allowed(monkeypatch):
    made = production_settings(monkeypatch, ALLOWED_HOSTS="example.com, .example.com")

    assert made["ALLOWED_HOSTS"] == ["example.com", ".example.com"]


def test_redis_is_the_shared_cache(monkeypatch):
    made = production_settings(monkeypatch, CACHE_URL="redis://cache.example:6379/2")

    assert made["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_a_per_process_cache_is_an_explicit_choice(monkeypatch):
    made = production_settings(monkeypatch, CACHE_URL=None, ALLOW_PER_PROCESS_CACHE="true")

    assert made["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


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


# Where production settings put the mail server's options, by Django version.
if django.VERSION >= (6, 1):
    MAIL_SETTINGS = ["MAILERS"]
else:
    MAIL_SETTINGS = [
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "EMAIL_TIMEOUT",
    ]


def smtp_options(made):
    """The mail server's options in Django 6.1's MAILERS terms, whatever the version."""
    if django.VERSION >= (6, 1):
        return made["MAILERS"]["default"]["OPTIONS"]
    return {
        "host": made["EMAIL_HOST"],
        "port": made["EMAIL_PORT"],
        "username": made["EMAIL_HOST_USER"],
        "password": made["EMAIL_HOST_PASSWORD"],
        "use_tls": made["EMAIL_USE_TLS"],
        "use_ssl": made["EMAIL_USE_SSL"],
        "timeout": made["EMAIL_TIMEOUT"],
    }


def test_production_mail_defaults_to_a_local_server_with_a_timeout(monkeypatch):
    made = production_settings(monkeypatch)

    assert smtp_options(made) == {
        "host": "localhost",
        "port": 25,
        "username": "",
        "password": "",
        "use_tls": False,
        "use_ssl": False,
        "timeout": 10,
    }


def test_production_mail_takes_its_server_from_one_url(monkeypatch):
    made = production_settings(
        monkeypatch,
        EMAIL_URL="smtp+tls://mailer:p%40ss@smtp.example.com:2587",
        EMAIL_TIMEOUT="2.5",
    )

    options = smtp_options(made)
    assert (options["host"], options["port"]) == ("smtp.example.com", 2587)
    assert (options["username"], options["password"]) == ("mailer", "p@ss")
    assert (options["use_tls"], options["use_ssl"]) == (True, False)
    assert options["timeout"] == 2.5


def test_production_mail_over_ssl_defaults_to_its_port(monkeypatch):
    options = smtp_options(production_settings(monkeypatch, EMAIL_URL="smtp+ssl://mail.example"))

    assert (options["port"], options["use_tls"], options["use_ssl"]) == (465, False, True)


@pytest.mark.parametrize(
    "url", ["smtp.example.com", "https://mailer:hunter2@mail.example", "consolemail://"]
)
def test_production_refuses_a_mail_url_that_is_not_smtp(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="is not an SMTP server's URL") as refused:
        production_settings(monkeypatch, EMAIL_URL=url)

    assert "smtp+tls://user:password@host:587" in str(refused.value)
    assert "hunter2" not in str(refused.value)


@pytest.fixture
def silent_mail_server():
    """The port of a mail server that takes connections and never says a word."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


def test_a_mail_server_that_stops_answering_fails_the_send_in_time(
    monkeypatch, settings, silent_mail_server
):
    made = production_settings(
        monkeypatch, EMAIL_URL=f"smtp://127.0.0.1:{silent_mail_server}", EMAIL_TIMEOUT="0.1"
    )
    for name in MAIL_SETTINGS:
        setattr(settings, name, made[name])
    failures = []

    def send():
        try:
            send_mail("Subject", "Body", "service@example.com", ["someone@example.com"])
        except OSError as error:
            failures.append(error)

    sending = threading.Thread(target=send)
    sending.start()
    sending.join(timeout=5)

    assert not sending.is_alive(), "the send is still waiting for the mail server"
    # smtplib reports the timeout as the connection lost while waiting for the greeting.
    [failure] = failures
    assert "timed out" in str(failure)


def outage_log(production_logging):
    """A logger writing as production's does, and what it wrote."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(logging.Formatter(production_logging["formatters"]["line"]["format"]))
    handler.addFilter(RequestIdFilter())
    handler.addFilter(FirstTracebackFilter())
    logger = logging.getLogger("outage")
    logger.propagate = False
    logger.handlers = [handler]
    return logger, written


def fail(query):
    raise ConnectionError(f"the database did not answer\n{query}")


def test_an_outage_logs_one_traceback_then_a_line_per_request(monkeypatch):
    logger, written = outage_log(production_settings(monkeypatch)["LOGGING"])
    # Another handler of the same logger, as mail to the admins is.
    other = logging.handlers.BufferingHandler(capacity=10)
    logger.addHandler(other)

    for number in range(3):
        token = request_id.set(f"request-{number}")
        try:
            fail("SELECT 1")
        except ConnectionError:
            logger.error("Internal Server Error: %s", "/api/users/me/", exc_info=True)
        finally:
            request_id.reset(token)

    lines = written.getvalue().splitlines()
    assert written.getvalue().count("Traceback") == 1
    first, second, third = [line for line in lines if "Internal Server Error" in line]
    assert " request-0 Internal Server Error: /api/users/me/" in first
    assert second.endswith(
        " request-1 Internal Server Error: /api/users/me/ (ConnectionError: the database did"
        " not answer SELECT 1; its traceback was logged before)"
    )
    assert " request-2 " in third
    assert [record.exc_info is not None for record in other.buffer] == [True, True, True]
