import asyncio
import logging
import threading
from concurrent.futures import Future

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .timeouts import Deadline, watchdog

logger = logging.getLogger(__name__)


class RoundTrip:
    """A database round trip in a thread of its own, so that no wait on the database
    holds the event loop, nor waits for a thread that requests hold; a check already
    under way is shared rather than started again."""

    def __init__(self):
        self.lock = threading.Lock()
        self.under_way: Future = Future()
        self.under_way.set_result(None)

    def check(self) -> Future:
        with self.lock:
            if self.under_way.done():
                self.under_way = Future()
                self.under_way.set_running_or_notify_cancel()  # no waiter can cancel it
                threading.Thread(target=self.run, args=(self.under_way,), daemon=True).start()
            return self.under_way

    def run(self, outcome):
        # A connection of this thread's own: connecting gives up after its timeout, and a
        # wait on it is cut at the same bound (its deadline is not made current, which
        # would leave no time to connect).
        deadline = Deadline(settings.DATABASE_CONNECT_TIMEOUT)
        watchdog.watch(deadline, [connections[DEFAULT_DB_ALIAS]])
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception as error:  # the waiting probes' to handle
            outcome.set_exception(error)
        else:
            outcome.set_result(None)
        finally:
            watchdog.forget(deadline)
            connection.close()
            if connection.connection is not None:  # an in-memory SQLite's, which Django keeps
                connection.connection.close()


round_trip = RoundTrip()


@never_cache
@require_safe
async def health(request):
    """Liveness with a database round trip: 200 when the database answers, 503 when not.

    Within DATABASE_CONNECT_TIMEOUT seconds, whatever the database does: the answer does
    not wait longer, and the round trip's connection is cut then (core/timeouts.py). The
    answer names no internals; the log says what failed.
    """
    bound = settings.DATABASE_CONNECT_TIMEOUT
    try:
        await asyncio.wait_for(asyncio.wrap_future(round_trip.check()), bound)
    except TimeoutError:
        logger.warning("Health check: the database did not answer within %s s", bound)
        return JsonResponse({"status": "unavailable"}, status=503)
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
