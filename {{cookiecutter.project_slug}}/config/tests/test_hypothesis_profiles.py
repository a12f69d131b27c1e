"""Hypothesis takes the project's profiles wherever it is imported (pyproject.toml's
entry point), not only under pytest."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOW = "import hypothesis; s = hypothesis.settings(); print(s.max_examples, s.deadline)"


@pytest.mark.e2e
@pytest.mark.parametrize(("ci", "shown"), [(None, "10 None"), ("true", "30 None")])
def test_a_plain_python_takes_the_profile_of_where_it_runs(ci, shown):
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = ci

    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == shown
