import logging

from django.core.mail import mail_managers

from .models import RATING_MIN

logger = logging.getLogger(__name__)


def tell_managers_of_a_poor_review(review):
    """Mail the shop's managers (settings.MANAGERS) about a new lowest-rated review.

    Returns whether a mail went out. The review is saved whatever happens here: a mail
    server that is down is logged, never the reviewer's problem.
    """
    if review.rating != RATING_MIN:
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
