import pytest
from bakery import bake


@pytest.fixture(scope="session")
def baked(tmp_path_factory):
    """Bake once per set of answers (per test process) and hand out the project folder."""
    projects = {}

    def get(**overrides):
        key = tuple(sorted(overrides.items()))
        if key not in projects:
            projects[key] = bake(tmp_path_factory.mktemp("bake"), **overrides)
        return projects[key]

    return get
