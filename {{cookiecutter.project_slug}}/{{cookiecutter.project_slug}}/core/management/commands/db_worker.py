"""`manage.py db_worker`: django-tasks-db's worker, which exits when the database cannot
be reached, kept going until it can be again.

A task the worker was running when the database went away cannot be recorded as ended:
django-tasks-db leaves it "running" for ever. This worker, when it starts and after each
outage, runs again those that it had started (by its ``--worker-id``), so a task must be
safe to run twice, as the reviews' alert is.

This app comes before django_tasks_db in INSTALLED_APPS, so its command of the same name
is the one `manage.py` runs (Django's documented way to override a command)."""

import logging
from time import monotonic, sleep

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

try:
    from django.tasks import TaskResultStatus  # Django 6.0 and later
except ImportError:  # pragma: no cover (Django 5.2: the django-tasks backport's, the same)
    from django_tasks import TaskResultStatus  # type: ignore[assignment]

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
                run_again_what_was_cut_off(options["worker_id"])
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


def run_again_what_was_cut_off(worker_id):
    """Make ready again the tasks still running as last started by ``worker_id``."""
    running = DBTaskResult.objects.running().only("worker_ids")
    cut_off = [result.pk for result in running if result.worker_ids[-1:] == [worker_id]]
    if cut_off:
        DBTaskResult.objects.filter(pk__in=cut_off).update(status=TaskResultStatus.READY)
        logger.warning("Tasks cut off by an outage, to run again: %s", len(cut_off))
