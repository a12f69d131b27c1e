"""Fixtures any test can ask for by name, the layer markers, and two set-up checks.

Every test is marked with its layer of the pyramid: ``e2e`` for ``test_e2e_*.py`` files,
``integration`` when it uses the database, ``unit`` otherwise; ``pytest -m unit`` is the
inner loop, and nothing in it touches the database. A set-up that cannot work stops the
run with one line that says what to do: models changed without a migration, or a test
database that cannot be made.
"""

import os

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

# `async def` tests run as Django's TestCase runs its async methods (TESTING.md).
pytest_plugins = ["{{ cookiecutter.project_slug }}.testing.async_tests"]
LAYERS = ("unit", "integration", "e2e")
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pending_migrations():
    """``{app label: [what changed]}`` for each model change without a migration.

    `makemigrations --check` answers the same question, but first connects to the
    development database; this asks Django's autodetector alone, so that a run that
    needs no database (``-m unit``) needs no server. Tested in testing/tests/test_conftest.py.
    """
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
    if (
        call.when == "setup"
        and failed
        and failed.errisinstance(OperationalError)
        and any(entry.name == "django_db_setup" for entry in failed.traceback)
    ):
        database = connection.settings_dict
        where = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or ''}"
        line = (
            f"The test database cannot be made on {connection.vendor} at {where} "
            f"({str(failed.value).strip().splitlines()[0]}): start the server, or point "
            "DATABASE_URL at one that runs."
        )
        report.longrepr = line
        item.session.shouldstop = line
    return report


def uses_database(item):
    if item.get_closest_marker("django_db"):
        return True
    if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    return test_class is not None and issubclass(test_class, TransactionTestCase)


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
    """``@pytest.mark.mute_signals(*signals, keep=())``: the test's signals are muted before
    any of its fixtures run (autouse fixtures are set up first), and until they are torn
    down."""
    marker = request.node.get_closest_marker("mute_signals")
    if marker is None:
        yield
        return
    from {{ cookiecutter.project_slug }}.testing import mute_signals

    with mute_signals(*marker.args, **marker.kwargs):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    """For a test that writes real files: MEDIA_ROOT is a fresh temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
{%- if cookiecutter.browser_tests %}


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's, with Django's ORM allowed in the tests' thread from now on:
    Playwright's sync API keeps an event loop open there, which Django takes for async code."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_type):
    """The browser the journeys drive: BROWSER_EXECUTABLE when set (a Chromium or Chrome on
    the machine, such as Debian's /usr/bin/chromium), else the one Playwright installed."""
    executable = os.environ.get("BROWSER_EXECUTABLE") or browser_type.executable_path
    if not os.path.isfile(executable):
        pytest.fail(
            f"No browser at {executable}: run `uv run playwright install chromium` once, or "
            "set BROWSER_EXECUTABLE to a Chromium (`-m 'not browser'` leaves these tests out).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": executable}


@pytest.fixture
def page(page):
    """pytest-playwright's page, waiting 10 s at most for anything: a stuck journey fails
    soon, and `--tracing=retain-on-failure` keeps a trace of it."""
    page.set_default_timeout(10_000)
    return page
{%- endif %}
