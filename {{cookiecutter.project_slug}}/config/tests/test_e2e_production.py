"""Production settings, loaded the way a server loads them: in a process of their own."""

import json
import os
import secrets
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

STRONG_KEY = secrets.token_urlsafe(50)
# What a developer's .env holds; a deploy that copies the folder ships it too.
DEVELOPER_ENV = {
    "SECRET_KEY": "django-insecure-" + "k" * 50,
    "DEBUG": "True",
    "ALLOWED_HOSTS": "localhost",
    "DATABASE_URL": "sqlite:///developer.sqlite3",
}
# What the test run itself may set and a server never has: tests that drive a browser allow
# Django's ORM beside its event loop, which the deploy checklist rightly refuses.
TEST_RUN_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}
# Loads the settings, as every process of a deploy does first.
LOAD = "import django; django.setup()"
# Prints what the settings came to, what Django's deploy checklist says of them, and how
# requests for an unknown host and for the health check by address are answered.
INSPECT = """
import io, json, logging, django
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
django.setup()
checklist = io.StringIO()
try:
    call_command("check", deploy=True, fail_level="WARNING", stdout=checklist)
except SystemCheckError as error:
    checklist.write(str(error))
handled = []
logging.getLogger().handlers[0].emit = lambda record: handled.append(record.getMessage())
client = Client()
unknown_host = client.get("/admin/", headers={"host": "scanner.example"}).status_code
logged = list(handled)
host = settings.ALLOWED_HOSTS[0]
page = client.get("/no-such-page/", secure=True, headers={"host": host})
health = client.get("/health/", secure=True, headers={"host": "10.1.2.3"})
headers = ["Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options"]
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "database": str(settings.DATABASES["default"]["NAME"]),
    "checklist": checklist.getvalue(),
    "unknown_host": unknown_host,
    "health_by_address": health.status_code,
    "page_headers": {name: page.get(name) for name in headers},
    "health_headers": {name: health.get(name) for name in headers},
{%- if cookiecutter.use_drf %}
    "api_in_a_browser": client.get(
        "/api/users/me/", secure=True, headers={"host": host, "accept": "text/html"}
    )["Content-Type"],
    "anonymous_schema": client.get("/api/schema/", secure=True, headers={"host": host}).status_code,
{%- endif %}
    "logged": logged,
}))
"""


def start(cwd, *args, **environ):
    """Python in ``cwd`` under production settings; a variable given as None is unset."""
    # Nothing that this run's own .env put in the environment; and an in-memory database
    # and cache, as the checks are about settings.
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in DEVELOPER_ENV and key not in TEST_RUN_ONLY
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": "sqlite://:memory:",
        # Each check is one process: the cache needs no sharing (and no Redis server).
        "ALLOW_PER_PROCESS_CACHE": "true",
        **environ,
    }
    env = {key: value for key, value in env.items() if value is not None}
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process


def deployed_copy(folder):
    """The project copied as a careless deploy would: a developer's .env beside the code."""
    shutil.copytree(
        settings.BASE_DIR,
        folder,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".*", "__pycache__", "mutants", "node_modules"),
    )
    (folder / ".env").write_text(
        "".join(f"{key}={value}\n" for key, value in DEVELOPER_ENV.items())
    )
    return folder


def start_deploys(folder):
    """Each deploy the tests below read, started side by side in a copy made in ``folder``."""
    deployed = deployed_copy(folder)
    return {
        "environment alone": start(
            deployed,
            "-c",
            INSPECT,
            SECRET_KEY=STRONG_KEY,
            ALLOWED_HOSTS="api.example.com",
{%- if cookiecutter.use_drf %}
            API_SCHEMA_PUBLIC="false",
{%- endif %}
        ),
        "env file beside": start(deployed, "-c", LOAD, ALLOWED_HOSTS="api.example.com"),
        "env file asked": start(
            deployed,
            "-c",
            INSPECT,
            DJANGO_READ_ENV_FILE="true",
            SECRET_KEY=STRONG_KEY,
            DATABASE_URL=None,
        ),
        "env file asked, key from it": start(deployed, "-c", LOAD, DJANGO_READ_ENV_FILE="true"),
        # The entry points of a deploy, refused a setting (no key).
        "manage.py refused": start(deployed, "manage.py", "check"),
        "uvicorn refused": start(
            deployed,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--port=0",
            "--lifespan=off",
            ALLOWED_HOSTS="api.example.com",
        ),
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """What each deploy printed; a test reads the one it is about. Each is a Django
    start-up of its own, so they run side by side."""
    started = start_deploys(tmp_path_factory.mktemp("deployed"))
    finished = {}
    for name, process in started.items():
        stdout, stderr = process.communicate(timeout=120)
        finished[name] = subprocess.CompletedProcess(
            process.args, process.returncode, stdout, stderr
        )
    return finished


def test_the_environment_alone_configures_a_deploy(runs):
    result = runs["environment alone"]
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)

    assert seen["debug"] is False
    assert seen["allowed_hosts"] == ["api.example.com"]
    assert seen["database"] == ":memory:"
    # Django's deploy checklist (`manage.py check --deploy`) finds nothing to warn about.
    assert "no issues" in seen["checklist"], seen["checklist"]
    # An unknown host is refused quietly; a probe by address still gets its answer.
    assert seen["unknown_host"] == 400
    assert seen["logged"] == []
    assert seen["health_by_address"] == 200
    # Pages (here, the 404 page) get a Content-Security-Policy; every answer over HTTPS,
    # /health/'s too, gets HSTS and nosniff.
    assert "default-src 'self'" in seen["page_headers"]["Content-Security-Policy"]
    for answer in (seen["page_headers"], seen["health_headers"]):
        assert answer["Strict-Transport-Security"].startswith("max-age=")
        assert answer["X-Content-Type-Options"] == "nosniff"
{%- if cookiecutter.use_drf %}
    # The API answers a browser in JSON (no browsable pages), and the schema is served to
    # signed-in users only when API_SCHEMA_PUBLIC=false.
    assert seen["api_in_a_browser"] == "application/json"
    assert seen["anonymous_schema"] == 401
{%- endif %}


def test_a_developer_env_file_beside_the_code_is_not_read(runs):
    result = runs["env file beside"]

    assert result.returncode != 0
    assert "SECRET_KEY is missing or weak" in result.stderr


@pytest.mark.parametrize("entry", ["manage.py", "uvicorn"])
def test_a_refused_setting_is_said_in_one_line_and_stops_the_start(runs, entry):
    refused = runs[f"{entry} refused"]

    assert refused.returncode != 0
    assert "Refused to start: SECRET_KEY is missing or weak" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_reading_the_env_file_is_an_explicit_choice(runs):
    asked = runs["env file asked"]
    assert asked.returncode == 0, asked.stderr
    seen = json.loads(asked.stdout)
    assert seen["allowed_hosts"] == ["localhost"]
    assert seen["database"].endswith("developer.sqlite3")

    # The variable that is set still wins, and the file's development key is refused.
    refused = runs["env file asked, key from it"]
    assert refused.returncode != 0
    assert "SECRET_KEY is missing or weak" in refused.stderr
