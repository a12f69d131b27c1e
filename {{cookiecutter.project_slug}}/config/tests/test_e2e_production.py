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
# Prints what the settings came to, and how a request for an unknown host is answered.
INSPECT = """
import json, logging, django
from django.conf import settings
from django.test import Client
django.setup()
handled = []
logging.getLogger().handlers[0].emit = lambda record: handled.append(record.getMessage())
client = Client()
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "database": str(settings.DATABASES["default"]["NAME"]),
    "unknown_host": client.get("/admin/", headers={"host": "scanner.example"}).status_code,
    "health_by_address": client.get("/health/", headers={"host": "10.1.2.3"}).status_code,
    "logged": handled,
}))
"""


def run(cwd, *args, **environ):
    """Python in ``cwd`` under production settings; a variable given as None is unset."""
    # Nothing that this run's own .env put in the environment; and an in-memory database,
    # as the checks are about settings.
    env = {
        **{key: value for key, value in os.environ.items() if key not in DEVELOPER_ENV},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": "sqlite://:memory:",
        **environ,
    }
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """The project's code copied as a careless deploy would: a developer's .env beside it."""
    folder = tmp_path_factory.mktemp("deployed")
    for name in ("manage.py", "config", "{{ cookiecutter.project_slug }}"):
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    (folder / ".env").write_text(
        "".join(f"{key}={value}\n" for key, value in DEVELOPER_ENV.items())
    )
    return folder


def test_deploy_checklist_reports_nothing():
    result = run(
        settings.BASE_DIR,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="service.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_developer_env_file_beside_the_code_is_not_read(deployed):
    result = run(deployed, "manage.py", "check", ALLOWED_HOSTS="service.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY is missing or weak" in result.stderr


def test_the_environment_alone_configures_a_deploy(deployed):
    result = run(deployed, "-c", INSPECT, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="api.example.com")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)

    assert seen["debug"] is False
    assert seen["allowed_hosts"] == ["api.example.com"]
    assert seen["database"] == ":memory:"
    # An unknown host is refused quietly; a probe by address still gets its answer.
    assert seen["unknown_host"] == 400
    assert seen["health_by_address"] == 200
    assert seen["logged"] == []


def test_reading_the_env_file_is_an_explicit_choice(deployed):
    asked = run(
        deployed,
        "-c",
        INSPECT,
        DJANGO_READ_ENV_FILE="true",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=None,
    )
    assert asked.returncode == 0, asked.stderr
    seen = json.loads(asked.stdout)
    assert seen["allowed_hosts"] == ["localhost"]
    assert seen["database"].endswith("developer.sqlite3")

    # The variable that is set still wins, and the file's development key is refused.
    refused = run(deployed, "manage.py", "check", DJANGO_READ_ENV_FILE="true")
    assert refused.returncode != 0
    assert "SECRET_KEY is missing or weak" in refused.stderr
