"""`manage.py test` runs the pytest suite, with Django's labels."""

import subprocess
import sys

import pytest
from django.conf import settings

from config.runner import pytest_argument


@pytest.mark.parametrize(
    ("label", "argument"),
    [
        ("config.tests.test_runner", "config/tests/test_runner.py"),
        ("config.tests.test_runner.test_x", "config/tests/test_runner.py::test_x"),
        ("config.tests", "config/tests"),
        ("config/tests/test_runner.py", "config/tests/test_runner.py"),
    ],
)
def test_a_django_label_is_a_pytest_path(label, argument, monkeypatch):
    monkeypatch.chdir(settings.BASE_DIR)

    assert pytest_argument(label) == argument


@pytest.mark.e2e
def test_manage_py_test_runs_the_suite_with_pytest():
    label = "config.tests.test_settings.test_sqlite_gets_no_server_options"

    result = subprocess.run(
        [sys.executable, "manage.py", "test", label],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
