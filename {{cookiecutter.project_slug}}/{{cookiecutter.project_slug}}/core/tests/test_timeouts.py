"""The watchdog ends a wait on the database that is past its request's deadline (a
database server that has stopped answering would make it last forever), opens no
connection the deadline leaves no time for, and cuts nothing but the connections it
watches (core/timeouts.py)."""

import os
import queue
import socket
import threading
import time

import pytest
from asgiref.sync import async_to_sync
from django.db import DEFAULT_DB_ALIAS, DatabaseError, OperationalError, connection, connections
from django.http import HttpResponse

from {{ cookiecutter.project_slug }}.core.timeouts import (
    LAST_SECONDS,
    TICK,
    RequestTimeoutMiddleware,
    current,
    watchdog,
)

# A statement that keeps the server's side of the connection busy, as a stopped server's
# silence does; its own statement timeout (base.py) would end it after many seconds.
SLEEP = {"postgresql": "SELECT pg_sleep(30)", "mysql": "SELECT SLEEP(30)"}
# The server's id of this connection, and how another connection ends it.
SERVER_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
END = {"postgresql": "SELECT pg_terminate_backend(%s)", "mysql": "KILL %s"}

needs_a_server = pytest.mark.skipif(
    connection.vendor not in SLEEP, reason="SQLite has no server to wait on"
)


def in_a_thread_of_its_own(work, seconds=20):
    """What ``work()`` returned or raised, run on a connection of its own (a new
    thread's), which is closed after it."""
    outcome = {}

    def run():
        try:
            outcome["returned"] = work()
        except Exception as error:
            outcome["raised"] = error
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=seconds)
    assert not thread.is_alive(), "the work outlived the watchdog"
    return outcome


@needs_a_server
@pytest.mark.django_db
def test_a_wait_past_its_deadline_ends_in_a_database_error():
    def wait():
        database = connections[DEFAULT_DB_ALIAS]
        database.ensure_connection()  # kept from an earlier request
        started = time.monotonic()
        try:
            with watchdog.watching(0.5, [database]), database.cursor() as cursor:
                cursor.execute(SLEEP[connection.vendor])
        finally:
            lasted.append(time.monotonic() - started)

    lasted = []
    outcome = in_a_thread_of_its_own(wait)

    assert isinstance(outcome["raised"], DatabaseError)
    assert 0.5 <= lasted[0] < 3


@needs_a_server
@pytest.mark.django_db
def test_no_connection_is_opened_that_the_deadline_leaves_no_time_for():
    def connect():
        started = time.monotonic()
        with watchdog.watching(LAST_SECONDS - 0.5):
            try:
                connections[DEFAULT_DB_ALIAS].ensure_connection()
            finally:
                lasted.append(time.monotonic() - started)

    lasted = []
    outcome = in_a_thread_of_its_own(connect)

    assert isinstance(outcome["raised"], OperationalError)
    assert lasted[0] < 0.5


def test_each_request_has_its_deadline_in_either_stack(settings, rf):
    settings.REQUEST_TIMEOUT = 7
    left = []

    def view(request):
        left.append(current.get().left())
        return HttpResponse()

    async def async_view(request):
        return view(request)

    RequestTimeoutMiddleware(view)(rf.get("/"))
    async_to_sync(RequestTimeoutMiddleware(async_view))(rf.get("/"))

    assert len(left) == 2
    assert all(6 < seconds <= 7 for seconds in left)
    assert current.get() is None


def test_no_deadline_when_request_timeout_is_0(settings, rf):
    settings.REQUEST_TIMEOUT = 0

    def view(request):
        return HttpResponse(str(current.get()))

    async def async_view(request):
        return view(request)

    assert RequestTimeoutMiddleware(view)(rf.get("/")).content == b"None"
    assert async_to_sync(RequestTimeoutMiddleware(async_view))(rf.get("/")).content == b"None"


def test_a_connection_gets_only_the_time_its_request_has_left():
    with watchdog.watching(3.5):
        assert watchdog.opening({"connect_timeout": 5}) == {"connect_timeout": 3}
        assert watchdog.opening({"connect_timeout": 2}) == {"connect_timeout": 2}
    # Outside a request, the settings' own.
    assert watchdog.opening({"connect_timeout": 5}) == {"connect_timeout": 5}


@needs_a_server
@pytest.mark.django_db
def test_a_cut_spares_a_client_socket_that_took_the_connections_old_number():
    """A server ends a request's connection (a failover, an idle timeout): the driver
    closes its socket, and a client accepted next gets that socket's number. The request
    goes on past its deadline; the watchdog cuts what was the connection, and the client
    still gets its answer."""
    vendor = connection.vendor
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname(), timeout=5)
    told, go_on = queue.Queue(), threading.Event()

    def request():
        database = connections[DEFAULT_DB_ALIAS]
        with watchdog.watching(LAST_SECONDS + 1) as deadline:
            with database.cursor() as cursor:
                cursor.execute(SERVER_ID[vendor])
                told.put((deadline, cursor.fetchone()[0], database.connection.fileno()))
            go_on.wait(timeout=10)
            go_on.clear()
            with pytest.raises(DatabaseError), database.cursor() as cursor:
                cursor.execute("SELECT 1")
            told.put("ended")
            go_on.wait(timeout=10)  # past the deadline, serving the client meanwhile
        database.close()

    thread = threading.Thread(target=request)
    thread.start()
    try:
        deadline, server_id, number = told.get(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute(END[vendor], [server_id])
        go_on.set()
        assert told.get(timeout=10) == "ended"
        with pytest.raises(OSError, match="Bad file descriptor"):  # the driver closed it
            os.fstat(number)
        accepted, _ = listener.accept()
        if accepted.fileno() != number:  # a lower number was free: the client takes this one
            os.dup2(accepted.fileno(), number)
            accepted.close()
            accepted = socket.socket(fileno=number)

        time.sleep(deadline.left() + 3 * TICK)  # the watchdog has cut, the request goes on

        client.sendall(b"question")
        assert accepted.recv(100) == b"question"
        accepted.sendall(b"answer")
        assert client.recv(100) == b"answer"
        accepted.close()
    finally:
        go_on.set()
        thread.join(timeout=10)
        listener.close()
        client.close()
    assert not thread.is_alive()
