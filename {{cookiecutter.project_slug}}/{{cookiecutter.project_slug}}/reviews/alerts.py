"""The shop's managers hear of a new lowest rating: once per reviewer and product, by a
background task, so that no reviewer waits for the mail server.

What is guaranteed. An alert is recorded as sent (``PoorRatingAlert.sent_at``) only after
the mail server has taken the mail, and a task that finds it recorded sends nothing: a
retry, or a second task for the same alert (the row is locked while it is sent), cannot
send it twice. A send that fails (refused, timed out, hung up on, turned down by the
server) is tried again after ``ALERT_RETRY_DELAY`` seconds, then after twice as long each
time, ``ALERT_TRIES`` times in all; then it is given up, in one line of the log.

What is not. SMTP cannot say whether a mail it did not acknowledge went: a server that
takes the whole mail and then stops answering before it says so leaves the send failed,
and the retry sends it again. Both copies carry the same Message-ID, by which a mailbox
can tell them for one. The same if the mail went and the database stopped answering
before it was recorded: the worker runs the task again once the database is back
(core/management/commands/db_worker.py). A worker killed in the middle of a task leaves
it unfinished until a worker of the same ``--worker-id`` starts.
"""

import logging
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import RATING_MIN, PoorRatingAlert, Review

try:
    from django.tasks import task  # Django 6.0 and later
except ImportError:  # pragma: no cover (Django 5.2: the django-tasks backport's, the same)
    from django_tasks import task  # type: ignore[no-redef]

logger = logging.getLogger(__name__)


def alert_managers_of_a_poor_review(review):
    """Enqueue the managers' mail about ``review`` if it is a lowest rating they have not
    heard of yet from this reviewer for this product. Returns whether it was enqueued."""
    if review.rating != RATING_MIN:
        return False
    # The alert and its task (a row in the same database) are written together or not at
    # all: no alert is left that no task will send.
    with transaction.atomic():
        alert, new = PoorRatingAlert.objects.get_or_create(user=review.user, product=review.product)
        if new:
            tell_managers.enqueue(alert.pk)
    return new


@task()
def tell_managers(alert_id, attempt=1):
    """Mail the managers (settings.MANAGERS) about an alert's review, unless they were
    told already or the review is gone. Returns whether this call sent the mail; one that
    failed is enqueued again for later, as the module says."""
    try:
        return _send(alert_id)
    except OSError as error:  # smtplib's errors, a refused connection and a timeout
        if attempt >= settings.ALERT_TRIES:
            logger.error(
                "Gave up telling the managers of alert %s after %s tries: %r",
                alert_id,
                attempt,
                error,
            )
            return False
        delay = settings.ALERT_RETRY_DELAY * 2 ** (attempt - 1)
        logger.warning(
            "Could not tell the managers of alert %s (try %s of %s; next in %g s): %r",
            alert_id,
            attempt,
            settings.ALERT_TRIES,
            delay,
            error,
        )
        later = timezone.now() + timedelta(seconds=delay)
        tell_managers.using(run_after=later).enqueue(alert_id, attempt + 1)
        return False


def _send(alert_id):
    with transaction.atomic():
        alert = (
            PoorRatingAlert.objects.select_for_update().filter(pk=alert_id, sent_at=None).first()
        )
        if alert is None:  # told already
            return False
        review = (
            Review.objects.select_related("user", "product")
            .filter(user=alert.user_id, product=alert.product_id)
            .first()
        )
        if review is None:  # deleted meanwhile
            return False
        _message(alert, review).send()
        alert.sent_at = timezone.now()
        alert.save(update_fields=["sent_at"])
    return True


def _message(alert, review):
    # The subject is fixed text: what users wrote goes in the body, where no newline in it
    # can be taken for a mail header.
    body = f"{review.user} rated {review.product} {review.rating}/5:\n\n{review.body}"
    domain = parseaddr(settings.SERVER_EMAIL)[1].rpartition("@")[2] or "localhost"
    # The same on every try: a mail sent twice (see above) can be told for one.
    message_id = f"<poor-rating.{alert.pk}.{alert.created_at:%Y%m%d%H%M%S%f}@{domain}>"
    return EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + "A product got its lowest rating",
        body=body,
        from_email=settings.SERVER_EMAIL,
        # Django 5.2 takes MANAGERS as (name, address) pairs, 6.0 as addresses.
        to=[manager if isinstance(manager, str) else manager[1] for manager in settings.MANAGERS],
        headers={"Message-ID": message_id},
    )
