"""``async def`` tests, isolated like sync ones; and a kept test database that tests left
rows in, said in one line. A pytest plugin, which the root conftest.py loads.

An ``async def`` test runs as Django's ``TestCase`` runs an async test method: through
asgiref's ``async_to_sync``, whose event loop runs in a thread of its own while this
thread serves the ORM's calls (``aget``, ``acreate``, a sync view under the async client:
``sync_to_async(thread_sensitive=True)``). They run on the test's connection, inside its
transaction, so what the test writes is seen by the code under test and rolled back.

Work sent to other threads (``sync_to_async(thread_sensitive=False)``, ``asyncio.to_thread``)
opens connections of its own, outside that transaction: the test fails, with the fix.
"""

import inspect
import sysconfig
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from django.db.backends.signals import connection_created

OUTSIDE_THE_TRANSACTION = (
    "{test} used the database from another thread ({threads}), outside its transaction: "
    "mark it @pytest.mark.django_db(transaction=True) (TESTING.md, async tests)."
)
INSTALLED = (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])
ROWS_LEFT = (
    "The kept test database holds rows no test should have left ({tables}): "
    "run once with --create-db{cause}."
)


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Iterator[None]:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return (yield)
    pyfuncitem.obj = async_to_sync(pyfuncitem.obj)
    others: set[str] = set()

    def note_thread(sender: Any, **kwargs: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            others.add(threading.current_thread().name)

    in_test_transaction = connection.in_atomic_block
    connection_created.connect(note_thread, weak=False)
    try:
        return (yield)
    finally:
        connection_created.disconnect(note_thread)
        if in_test_transaction and others:
            threads = ", ".join(sorted(others))
            said = OUTSIDE_THE_TRANSACTION.format(test=pyfuncitem.name, threads=threads)
            pytest.fail(said, pytrace=False)
{%- if cookiecutter.browser_tests %}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser journeys run last: from the first on, Playwright keeps an event loop in
    this thread, where no async test (of either style) can start its own."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
{%- endif %}


def own_tables() -> dict[str, int]:
    """``{table: rows}`` for the tables of the project's own models (not installed
    packages') that no data migration fills: empty before any test runs."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython, RunSQL

    loader = MigrationLoader(None, ignore_no_migrations=True)
    filled = {
        app
        for (app, _), migration in loader.disk_migrations.items()
        if any(isinstance(operation, RunPython | RunSQL) for operation in migration.operations)
    }
    counts = {}
    for model in apps.get_models():
        config = model._meta.app_config
        if config.label in filled or config.path.startswith(INSTALLED):
            continue
        counts[model._meta.db_table] = model._base_manager.using("default").count()
    return counts


def left(counts: dict[str, int], before: dict[str, int] | None = None) -> str:
    before = before or {}
    return ", ".join(
        f"{table}: {rows}" for table, rows in sorted(counts.items()) if rows > before.get(table, 0)
    )


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """pytest-django's, with a look at the project's tables before the first test and
    after the last: rows there were committed by a test outside its transaction."""
    with django_db_blocker.unblock():
        before = own_tables()
    if left(before):
        request.session.shouldstop = ROWS_LEFT.format(tables=left(before), cause="")
        pytest.fail(request.session.shouldstop, pytrace=False)
    yield
    with django_db_blocker.unblock():
        after = own_tables()
    if left(after, before):
        cause = ", and find the test that wrote outside its transaction (TESTING.md)"
        pytest.fail(ROWS_LEFT.format(tables=left(after, before), cause=cause), pytrace=False)
