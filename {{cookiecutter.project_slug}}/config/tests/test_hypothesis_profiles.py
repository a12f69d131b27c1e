"""Hypothesis takes the project's profiles (config/hypothesis_profiles.py) from the entry
point in pyproject.toml, wherever it is imported."""

from hypothesis import settings


def test_hypothesis_runs_with_one_of_the_project_s_profiles():
    # Hypothesis' own default profile tries 100 examples, each within 200 ms.
    assert settings().deadline is None
    assert settings().max_examples in {10, 30, 1000}
