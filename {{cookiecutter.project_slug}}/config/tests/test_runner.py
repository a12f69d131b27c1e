"""`manage.py test` runs the pytest suite: Django's labels become pytest's arguments.
(The template this project came from runs `manage.py test` itself.)"""

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
