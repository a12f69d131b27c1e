"""A database that stops answering ends the requests waiting on it, not the service.

The statement timeout (DATABASE_STATEMENT_TIMEOUT) is the database server's to enforce: a
server that has stopped (its host frozen, its processes paused) enforces nothing, and a
request waiting on a kept connection would wait forever, holding a worker's thread. With
``RequestTimeoutMiddleware`` (production settings), a request that is still running after
``REQUEST_TIMEOUT`` seconds has its database connections cut: a wait on one ends at once
in a ``DatabaseError``, and the next request opens a fresh connection, which
DATABASE_CONNECT_TIMEOUT bounds.
"""

import logging
import os
import socket
import threading
import time
import weakref
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

logger = logging.getLogger(__name__)

# How often the watchdog looks for a request past its time, in seconds.
TICK = 0.2


# The socket of each open connection, noted by the thread that opened it: mysqlclient
# answers no call from another thread while its connection is busy.
sockets: "weakref.WeakKeyDictionary[Any, int]" = weakref.WeakKeyDictionary()


@receiver(connection_created)
def note_the_socket(sender, connection, **kwargs):
    fileno = getattr(connection.connection, "fileno", None)
    if fileno is not None:
        sockets[connection.connection] = fileno()


def cut(wrapper):
    """Shut the network connection of Django's connection ``wrapper``, if it has one open,
    so that any wait on it ends now.

    psycopg cannot time out a wait on a server that has stopped (mysqlclient only with its
    read timeout), and neither driver has a public way to end one; both give the socket of
    an open connection (``fileno()``, documented by each), and shutting a socket down ends
    every wait on it. SQLite has no socket and needs none. core/tests/test_timeouts.py
    fails if a driver's wait outlives this.
    """
    opened = wrapper.connection
    fileno = sockets.get(opened) if opened is not None else None
    if fileno is None:
        return
    try:
        with socket.socket(fileno=os.dup(fileno)) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:  # closed meanwhile
        pass


class Watchdog:
    """One thread per process that cuts the connections of what it watches, past its
    deadline."""

    def __init__(self):
        self.lock = threading.Lock()
        self.watched = {}
        self.thread = None

    def watch(self, seconds, wrappers):
        """Watch ``wrappers`` for ``seconds``; returns the key that ``forget`` takes."""
        key = object()
        with self.lock:
            self.watched[key] = (time.monotonic() + seconds, wrappers)
            if self.thread is None:  # started in the process that serves (after a fork)
                self.thread = threading.Thread(target=self.run, name="watchdog", daemon=True)
                self.thread.start()
        return key

    def forget(self, key):
        with self.lock:
            self.watched.pop(key, None)

    def run(self):
        while True:
            time.sleep(TICK)
            now = time.monotonic()
            with self.lock:
                late = [key for key, (deadline, _) in self.watched.items() if deadline <= now]
                expired = [self.watched.pop(key)[1] for key in late]
            for wrappers in expired:
                for wrapper in wrappers:
                    try:
                        cut(wrapper)
                    except Exception:  # the watchdog outlives any one failure
                        logger.exception("Could not cut a database connection")


watchdog = Watchdog()


class RequestTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REQUEST_TIMEOUT:
            return self.get_response(request)
        # This thread's connections (objects that open a connection when first used).
        wrappers = [connections[alias] for alias in connections]
        key = watchdog.watch(settings.REQUEST_TIMEOUT, wrappers)
        try:
            return self.get_response(request)
        finally:
            watchdog.forget(key)
