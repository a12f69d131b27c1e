"""The watchdog ends a wait on the database that is past its time: a database server
that has stopped answering would make it last forever (core/timeouts.py)."""

import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections

from {{ cookiecutter.project_slug }}.core.timeouts import watchdog

# A statement that keeps the server's side of the connection busy, as a stopped server's
# silence does; its own statement timeout (base.py) would end it after many seconds.
SLEEP = {"postgresql": "SELECT pg_sleep(30)", "mysql": "SELECT SLEEP(30)"}


def wait_in_a_thread_of_its_own(seconds):
    """(how long a 30-second statement lasted, what it raised) on a connection of its own
    (a new thread's), watched for ``seconds``."""
    outcome = {}

    def wait():
        database = connections[DEFAULT_DB_ALIAS]
        key = watchdog.watch(seconds, [database])
        started = time.monotonic()
        try:
            with database.cursor() as cursor:
                cursor.execute(SLEEP[database.vendor])
        except DatabaseError as error:
            outcome["error"] = error
        finally:
            outcome["lasted"] = time.monotonic() - started
            watchdog.forget(key)
            database.close()

    waiting = threading.Thread(target=wait)
    waiting.start()
    waiting.join(timeout=20)
    assert not waiting.is_alive(), "the wait outlived the watchdog"
    return outcome["lasted"], outcome.get("error")


@pytest.mark.django_db
def test_a_wait_past_its_time_ends_in_a_database_error():
    if connection.vendor not in SLEEP:
        pytest.skip("SQLite has no server to wait on")

    lasted, error = wait_in_a_thread_of_its_own(0.5)

    assert isinstance(error, DatabaseError)
    assert lasted < 3
