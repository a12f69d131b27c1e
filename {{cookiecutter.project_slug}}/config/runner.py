"""`manage.py test` runs the suite with pytest, as `uv run pytest` does: the same test
files, fixtures, settings and kept test database (pytest-django documents this runner).

Django's labels are taken as pytest's: `manage.py test polls.tests.QuestionTests` runs
polls/tests.py::QuestionTests, and a path or a pytest option passes as it is.
"""

from pathlib import Path

import pytest


def pytest_argument(label: str) -> str:
    """``polls.tests.QuestionTests.test_x`` as ``polls/tests.py::QuestionTests::test_x``."""
    if Path(label).exists():
        return label
    parts = label.split(".")
    for end in range(len(parts), 0, -1):
        path = Path(*parts[:end])
        if path.with_suffix(".py").is_file():
            return "::".join([str(path.with_suffix(".py")), *parts[end:]])
        if path.is_dir() and end == len(parts):
            return str(path)
    return label


class PytestRunner:
    def __init__(self, verbosity: int = 1, failfast: bool = False, **options: object) -> None:
        self.verbosity = verbosity
        self.failfast = failfast

    def run_tests(self, test_labels: list[str], **options: object) -> int:
        arguments = [pytest_argument(label) for label in test_labels]
        if self.failfast:
            arguments.append("--exitfirst")
        if self.verbosity == 0:
            arguments.append("--quiet")
        elif self.verbosity > 1:
            arguments.append("--verbose")
        return int(pytest.main(arguments))
