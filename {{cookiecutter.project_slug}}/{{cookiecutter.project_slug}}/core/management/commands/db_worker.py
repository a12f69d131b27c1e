"""`manage.py db_worker`: django-tasks-db's worker, which exits when the database cannot
be reached, kept going until it can be again.

This app comes before django_tasks_db in INSTALLED_APPS, so its command of the same name
is the one `manage.py` runs (Django's documented way to override a command)."""

import logging
from time import monotonic, sleep

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

# Seconds before reaching for the database again: doubling, up to the last.
RETRY_DELAY, RETRY_DELAY_MAX = 1, 16


class Command(db_worker.Command):
    help = "Run the background tasks, waiting out a database that cannot be reached"

    def handle(self, *args, **options):
        delay = RETRY_DELAY
        while True:
            started = monotonic()
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                if monotonic() - started > RETRY_DELAY_MAX:
                    delay = RETRY_DELAY  # it worked for a while: a new outage
                # The worker's connection is broken: the next try opens a new one.
                connections.close_all()
                reason = " ".join(str(error).split())  # one line, whatever the driver says
                logger.warning("The database cannot be reached (%s); again in %s s", reason, delay)
                sleep(delay)
                delay = min(delay * 2, RETRY_DELAY_MAX)
