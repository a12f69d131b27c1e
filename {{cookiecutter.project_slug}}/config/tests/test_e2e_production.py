"""Production settings, loaded the way a server loads them: in a process of their own."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def manage(*args, **environ):
    # The checks are about settings; an in-memory database spares them a server.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": "sqlite://:memory:",
        **environ,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_checklist_reports_nothing():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="service.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_a_secret_key():
    result = manage("check", SECRET_KEY="", ALLOWED_HOSTS="service.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
