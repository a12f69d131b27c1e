import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request):
    """Liveness with a database round trip: 200 when the database answers, 503 when not.

    The database's connect and statement timeouts (``DATABASE_CONNECT_TIMEOUT``,
    ``DATABASE_STATEMENT_TIMEOUT``) bound how long a probe waits. The answer names no
    internals; the log says what failed.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
