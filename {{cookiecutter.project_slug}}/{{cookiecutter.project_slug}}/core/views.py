import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .timeouts import watchdog

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request):
    """Liveness with a database round trip: 200 when the database answers, 503 when not.

    Within DATABASE_CONNECT_TIMEOUT seconds: a new connection gives up after it, and so
    does a wait on a kept one (a server that stopped answering would hold it forever), cut
    by the watchdog (core/timeouts.py). The answer names no internals; the log says what
    failed.
    """
    # The watchdog is given this thread's connection itself (``connection`` stands for
    # whichever thread's uses it).
    key = watchdog.watch(settings.DATABASE_CONNECT_TIMEOUT, [connections[DEFAULT_DB_ALIAS]])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable"}, status=503)
    finally:
        watchdog.forget(key)
    return JsonResponse({"status": "ok"})
