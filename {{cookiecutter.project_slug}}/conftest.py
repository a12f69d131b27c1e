"""Fixtures any test can ask for by name, and the rules that keep the suite fast.

Every test is marked with its layer of the pyramid: ``e2e`` for ``test_e2e_*.py`` files,
``integration`` when it uses the database, ``unit`` otherwise. ``pytest -m unit`` is
the inner loop: nothing in it can touch the database.

A broken set-up stops the run with one line that says what to do: models changed without
a migration, or a database that cannot be reached. A partial run (``-m unit``, a path,
``-k``) is not traced for coverage unless ``--cov`` asks for it, and the coverage gate
is for the whole suite.

pytest reads this file while coverage already traces every line, and a partial run stops
tracing in ``pytest_configure``. So what the fixtures and hooks need (the test kit, the
factories, the test clients) is imported in them, after that: a one-file run then costs
half a second less.
"""

import atexit
import gc
import os
{%- if cookiecutter.use_drf %}
import sys
{%- endif %}

import pytest

from config.testrun import (
    coverage_of_a_part,
    database_url,
    forget_memory,
{%- if cookiecutter.use_drf %}
    hypothesis_seed,
{%- endif %}
    partial_run,
    pending_migrations,
{%- if cookiecutter.use_drf %}
    when_imported,
{%- endif %}
)

LAYERS = ("unit", "integration", "e2e")
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # First, before anything else is imported: a partial run stops tracing here.
    config.partial_run = partial_run(config.option)
    config.coverage_note = coverage_of_a_part(config) if config.partial_run else ""
    # Keep the test database between local runs (``--create-db`` rebuilds it after a
    # schema change); CI, which sets CI=true, always starts from a new one.
    if not os.environ.get("CI"):
        config.option.reuse_db = True
{%- if cookiecutter.use_drf %}
    when_imported("hypothesis", load_hypothesis_profile)
{%- endif %}
    # At exit, Python would search everything the run made for garbage, a third of a
    # second for nothing: the process is ending. Frozen objects are left to the exit.
    atexit.register(gc.freeze)
{%- if cookiecutter.use_drf %}


def load_hypothesis_profile():
    """Hypothesis examples per property test: a few on every local run, more in CI
    (CI=true); `--hypothesis-profile=thorough` for a long hunt. Nothing is timed: neither
    answers, nor how long making the examples takes (a busy CI runner is not a failing
    test).

    Loaded the moment Hypothesis is first imported (by a test module, schemathesis, or
    Hypothesis' own plugin for `--hypothesis-profile`): a run that needs no Hypothesis
    does not import it (a sixth of a second), and a module that makes its `settings(...)`
    when it is imported makes them from this profile."""
    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings

    untimed = hypothesis_settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
    hypothesis_settings.register_profile("dev", untimed, max_examples=10)
    hypothesis_settings.register_profile("ci", untimed, max_examples=30, print_blob=True)
    hypothesis_settings.register_profile("thorough", untimed, max_examples=1000)
    hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def seed_hypothesis(seed):
    """Hypothesis draws its examples from this seed, as `--hypothesis-seed` would."""
    from hypothesis import core

    core.global_force_seed = seed
{%- endif %}


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
{%- if cookiecutter.use_drf %}
    # The run's seed, settled by now (pytest-randomly's `last` too), is Hypothesis' as well,
    # the moment a test needs Hypothesis.
    seed = hypothesis_seed(session.config)
    if seed is not None:
        when_imported("hypothesis", lambda: seed_hypothesis(seed))
{%- endif %}
    if hasattr(session.config, "workerinput"):
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
    if call.when == "setup" and cannot_make_the_test_database(call.excinfo):
        error = str(call.excinfo.value).strip().splitlines()[0]
        line = (
            f"The test database cannot be made at {database_url()} ({error}): "
            "start the server, or point DATABASE_URL at one that runs."
        )
        report.longrepr = line
        item.session.shouldstop = line
    return report


def cannot_make_the_test_database(excinfo):
    from django.db import OperationalError

    return (
        excinfo is not None
        and excinfo.errisinstance(OperationalError)
        and any(entry.name == "django_db_setup" for entry in excinfo.traceback)
    )


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config):
    if config.coverage_note:
        terminalreporter.write_line(config.coverage_note)


def pytest_sessionfinish(session, exitstatus):
    selected_by_testmon = getattr(session.config.option, "testmon", False)
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and selected_by_testmon:
        # `--testmon` found nothing changed that a test runs: the loop is green, not broken.
        session.exitstatus = pytest.ExitCode.OK
{%- if cookiecutter.use_drf %}
    # Hypothesis' plugin imports Hypothesis to end its summary, whether a test used it or
    # not: a sixth of a second after a run that never did, for a summary with nothing in
    # it. (Under `-n`, the workers' examples end the summary here: it stays.)
    plugins = session.config.pluginmanager
    if "hypothesis" not in sys.modules and not plugins.has_plugin("dsession"):
        plugins.unregister(name="hypothesispytest")
{%- endif %}


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    # What is loaded by now (Django, the libraries, the test modules) lives until the
    # end: set aside from garbage collection, it is not searched again each time the
    # tests' own garbage is (pytest searches once more at the end, for errors raised
    # while objects are freed).
    gc.freeze()


def uses_database(item):
    if item.get_closest_marker("django_db"):
        return True
    if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    return test_class is not None and issubclass(test_class, TransactionTestCase)


def layer_of(item):
    if item.path.name.startswith("test_e2e_"):
        return "e2e"
    return "integration" if uses_database(item) else "unit"


def pytest_collection_modifyitems(items):
    for item in items:
        if not any(item.get_closest_marker(layer) for layer in LAYERS):
            item.add_marker(layer_of(item))


@pytest.fixture(autouse=True)
def _forget_memory():
    """Every test starts with an empty cache and no stored files (test settings keep both
    in memory)."""
    yield
    forget_memory()


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
