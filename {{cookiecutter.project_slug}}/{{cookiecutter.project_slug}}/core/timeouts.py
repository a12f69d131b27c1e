"""A database that stops answering ends the requests waiting on it, not the service.

The statement timeout (DATABASE_STATEMENT_TIMEOUT) is the database server's to enforce: a
server that has stopped (its host frozen, its processes paused) enforces nothing, and a
request waiting on its connection would wait forever. ``RequestTimeoutMiddleware``
(production settings) gives each request one deadline, ``REQUEST_TIMEOUT`` seconds away:

- once it passes, the watchdog cuts every database connection the request has used, so a
  wait on one ends at once in a ``DatabaseError``;
- a connection the request opens is given only the time left to connect, and none is
  opened in its last ``LAST_SECONDS`` (core/postgresql/ and core/mysql/, Django's
  backends with ``WatchedConnections``).

The watchdog cuts a connection through a duplicate of its socket, taken when the
connection opens and closed with it: the driver's own descriptor number may be closed (a
server that ends the connection) and given to a client's socket meanwhile, which a cut by
number would end instead.
"""

import contextlib
import logging
import os
import socket
import threading
import time
import weakref
from contextvars import ContextVar

from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from .sync_and_async import SyncAndAsyncMiddleware

logger = logging.getLogger(__name__)

# How often the watchdog looks for a request past its time, in seconds.
TICK = 0.2
# No connection is opened this close to a deadline: libpq waits at least 2 seconds to
# connect, whatever its connect_timeout says.
LAST_SECONDS = 2


class Deadline:
    """One request's deadline and the database connections it has used."""

    def __init__(self, seconds):
        self.at = time.monotonic() + seconds
        self.wrappers = set()

    def left(self):
        return self.at - time.monotonic()


# The deadline of the request this code serves: set by the middleware, seen by the
# threads that run the request's code (asgiref copies it into them).
current: ContextVar[Deadline | None] = ContextVar("deadline", default=None)


class Watchdog:
    """One thread per process that cuts the connections of a request past its deadline.

    ``sockets`` holds a duplicate of the socket of each open connection; a duplicate is
    stored, closed and shut down only under ``lock``, so a cut never reaches a socket that
    is not the connection's, nor the connections of a request that has been forgotten.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.watched = set()
        # Keyed by Django's connection objects, which are per thread: a thread that ends
        # with one open takes its duplicate with it.
        self.sockets: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.thread = None

    def opening(self, conn_params):
        """``conn_params`` of a connection about to open, with a connect timeout no longer
        than its request has left; refused near the deadline."""
        deadline = current.get()
        if deadline is None:
            return conn_params
        left = deadline.left()
        if left < LAST_SECONDS:
            raise OperationalError("No time left in this request to connect to the database.")
        configured = conn_params.get("connect_timeout") or left
        return {**conn_params, "connect_timeout": int(min(configured, left))}

    def opened(self, wrapper, driver_connection):
        """Keep a duplicate of the new connection's socket (both drivers give its
        descriptor as ``fileno()``), and note it as used by the current request."""
        duplicate = socket.socket(fileno=os.dup(driver_connection.fileno()))
        with self.lock:
            kept = self.sockets.pop(wrapper, None)
            self.sockets[wrapper] = duplicate
        if kept is not None:
            kept.close()
        deadline = current.get()
        if deadline is not None:
            with self.lock:
                deadline.wrappers.add(wrapper)

    def closed(self, wrapper):
        with self.lock:
            duplicate = self.sockets.pop(wrapper, None)
            if duplicate is not None:
                duplicate.close()

    def watch(self, deadline, wrappers=()):
        """Cut the connections of ``wrappers``, and those opened under ``deadline``, once
        it passes, until ``forget(deadline)``."""
        with self.lock:
            deadline.wrappers.update(wrappers)
            self.watched.add(deadline)
            if self.thread is None:  # started in the process that serves (after a fork)
                self.thread = threading.Thread(target=self.run, name="watchdog", daemon=True)
                self.thread.start()

    def forget(self, deadline):
        with self.lock:
            self.watched.discard(deadline)

    @contextlib.contextmanager
    def watching(self, seconds, wrappers=()):
        """A deadline ``seconds`` away, current in the block and watched over it."""
        deadline = Deadline(seconds)
        token = current.set(deadline)
        self.watch(deadline, wrappers)
        try:
            yield deadline
        finally:
            self.forget(deadline)
            current.reset(token)

    def run(self):
        while True:
            time.sleep(TICK)
            try:
                self.cut_what_is_late()
            except Exception:  # the watchdog outlives any one failure
                logger.exception("Could not cut a database connection")

    def cut_what_is_late(self):
        now = time.monotonic()
        with self.lock:
            for deadline in self.watched:
                if deadline.at > now:
                    continue
                for wrapper in deadline.wrappers:
                    duplicate = self.sockets.get(wrapper)
                    if duplicate is None:
                        continue
                    # Shutting a socket down ends every wait on it, in any thread.
                    with contextlib.suppress(OSError):  # the server ended it already
                        duplicate.shutdown(socket.SHUT_RDWR)


watchdog = Watchdog()


class RequestTimeoutMiddleware(SyncAndAsyncMiddleware):
    """Each request's deadline, ``settings.REQUEST_TIMEOUT`` seconds away (0: none)."""

    def call(self, request):
        if not settings.REQUEST_TIMEOUT:
            return self.get_response(request)
        # This thread's connections, kept from an earlier request or not yet open.
        wrappers = [connections[alias] for alias in connections]
        with watchdog.watching(settings.REQUEST_TIMEOUT, wrappers):
            return self.get_response(request)

    async def __acall__(self, request):
        if not settings.REQUEST_TIMEOUT:
            return await self.get_response(request)
        # The request's code runs in threads of its own, which open their connections.
        with watchdog.watching(settings.REQUEST_TIMEOUT):
            return await self.get_response(request)


class WatchedConnections(BaseDatabaseWrapper):
    """Before a Django backend's ``DatabaseWrapper`` (core/postgresql/, core/mysql/): each
    connection opened within its request's time, and its socket kept for the watchdog."""

    def get_new_connection(self, conn_params):
        driver_connection = super().get_new_connection(watchdog.opening(conn_params))
        watchdog.opened(self, driver_connection)
        return driver_connection

    def close(self):
        try:
            super().close()
        finally:
            if self.connection is None or self.closed_in_transaction:
                watchdog.closed(self)
