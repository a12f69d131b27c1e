from django.db import IntegrityError, transaction

from .models import Review


def upsert_review(user, product, rating, body=""):
    """Write ``user``'s review of ``product``: a new one, or theirs updated.

    Returns ``(review, created)``. A rating outside 1-5 raises ``ValidationError``
    naming ``rating``, and nothing is written.

    Safe under concurrent calls for the same user and product (a double-submit, a
    retry): exactly one of them creates the review and the others update it.
    """
    review = Review(user=user, product=product, rating=rating, body=body)
    # One review per user and product is the database's rule to enforce: checked here,
    # it would only race. Every other rule is checked before anything is written.
    review.full_clean(exclude=["user", "product"])
    try:
        with transaction.atomic():
            existing = _locked_review(user, product)
            if existing is None:
                review.save()
                return review, True
            return _update(existing, review), False
    except IntegrityError:
        # Another call inserted the review between our read and our insert; its
        # transaction has committed and ours has rolled back, so update its row.
        with transaction.atomic():
            existing = _locked_review(user, product)
            if existing is None:
                raise  # not that race: the error is the caller's to see
            return _update(existing, review), False


def _locked_review(user, product):
    return Review.objects.select_for_update().filter(user=user, product=product).first()


def _update(existing, review):
    existing.rating = review.rating
    existing.body = review.body
    existing.save(update_fields=["rating", "body", "updated_at"])
    return existing
