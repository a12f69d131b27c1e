"""Hypothesis' profiles for this project: how many examples each property test tries.

Hypothesis calls ``load`` whenever it is imported, wherever that is (pytest, `manage.py
test`, a shell), through the entry point in pyproject.toml. A few examples on every local
run, more in CI (CI=true); `--hypothesis-profile=thorough` for a long hunt. Nothing is
timed: a busy CI runner is not a failing test.
"""

import os


def load() -> None:
    from hypothesis import HealthCheck, settings

    untimed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("dev", untimed, max_examples=10)
    settings.register_profile("ci", untimed, max_examples=30, print_blob=True)
    settings.register_profile("thorough", untimed, max_examples=1000)
    settings.load_profile("ci" if os.environ.get("CI") else "dev")
