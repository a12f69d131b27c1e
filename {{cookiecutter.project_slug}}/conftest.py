"""Fixtures any test can ask for by name, the layer markers, and two set-up checks.

Every test is marked with its layer (``e2e``: test_e2e_*.py, ``integration``: uses the
database, ``unit``: the rest); a set-up that cannot work stops the run with one line."""

import contextlib
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection

# `async def` tests run as Django's TestCase runs its async methods (TESTING.md).
pytest_plugins = ["{{ cookiecutter.project_slug }}.testing.async_tests"]
LAYERS = ("unit", "integration", "e2e")
DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}  # pytest-django's others use one


def pending_migrations():
    """``{app label: [what changed]}`` for each model change without a migration, from
    Django's autodetector alone (`makemigrations --check` connects to a database)."""
    from django.apps import apps
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(None, ignore_no_migrations=True)
    detector = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps))
    return {
        label: [operation.describe() for migration in found for operation in migration.operations]
        for label, found in detector.changes(graph=loader.graph).items()
    }


def pytest_sessionstart(session):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the controller has checked
    missing = pending_migrations()
    if missing:
        changes = "; ".join(f"{app}: {', '.join(ops)}" for app, ops in missing.items())
        pytest.exit(
            f"Models changed without a migration ({changes}): "
            "run `uv run python manage.py makemigrations`, then the tests again.",
            returncode=1,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    failed = call.excinfo
    in_setup = call.when == "setup" and failed and failed.errisinstance(OperationalError)
    if in_setup and any(entry.name == "django_db_setup" for entry in failed.traceback):
        database = settings.DATABASES["default"]
        report.longrepr = (
            f"The test database cannot be made on {connection.vendor} at "
            f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or ''} "
            f"({str(failed.value).strip().splitlines()[0]}): start the server, or point "
            "DATABASE_URL at one that runs."
        )
        # pytest.exit() would end an xdist worker mid-test; -x stops this way.
        item.session.shouldstop = report.longrepr
    return report


def uses_database(item):
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    return bool(
        item.get_closest_marker("django_db")
        or DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        or (test_class and issubclass(test_class, TransactionTestCase))
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if not any(item.get_closest_marker(layer) for layer in LAYERS):
            layer = "e2e" if item.path.name.startswith("test_e2e_") else None
            item.add_marker(layer or ("integration" if uses_database(item) else "unit"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (test settings keep it in memory)."""
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _mute_signals_marker(request):
    """``@pytest.mark.mute_signals(*signals, keep=())``: muted before any of the test's
    fixtures run (autouse ones are set up first), until they are torn down."""
    from {{ cookiecutter.project_slug }}.testing import mute_signals

    marker = request.node.get_closest_marker("mute_signals")
    with mute_signals(*marker.args, **marker.kwargs) if marker else contextlib.nullcontext():
        yield


@pytest.fixture
def user(db):
    """A saved user whose password is ``users.factories.DEFAULT_PASSWORD``."""
    from {{ cookiecutter.project_slug }}.users.factories import UserFactory

    return UserFactory()


@pytest.fixture
def other_user(db):
    """A second user, for what one user must not see or change of another's."""
    from {{ cookiecutter.project_slug }}.users.factories import UserFactory

    return UserFactory()


@pytest.fixture
def logged_in_client(client, user):
    """Django's test client with ``user`` logged in."""
    client.force_login(user)
    return client
{%- if cookiecutter.use_drf %}


@pytest.fixture
def api_client():
    """DRF's test client: JSON by default, no one authenticated."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def authenticated_api_client(api_client, user):
    """``api_client`` authenticated as ``user``."""
    api_client.force_authenticate(user=user)
    return api_client
{%- endif %}
