"""The shop's managers hear of a new lowest rating: once per reviewer and product, by a
background task, so that no reviewer waits for the mail server."""

import logging

from django.core.mail import mail_managers

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
    _, new = PoorRatingAlert.objects.get_or_create(user=review.user, product=review.product)
    if new:
        tell_managers.enqueue(review.pk)
    return new


@task()
def tell_managers(review_id):
    """Mail the managers (settings.MANAGERS) about a review. Returns whether a mail went
    out: not for a review deleted meanwhile, nor when the mail server fails, which is
    logged in one line."""
    review = Review.objects.select_related("user", "product").filter(pk=review_id).first()
    if review is None:
        return False
    # The subject is fixed text: what users wrote goes in the body, where no newline in it
    # can be taken for a mail header.
    body = f"{review.user} rated {review.product} {review.rating}/5:\n\n{review.body}"
    try:
        mail_managers("A product got its lowest rating", body)
    except OSError as error:  # smtplib's errors, a refused connection and a timeout
        logger.warning("Could not tell the managers of review %s: %r", review.pk, error)
        return False
    return True
