from django.db import transaction

from .models import Review


def upsert_review(user, product, rating, body=""):
    """Write ``user``'s review of ``product``: a new one, or theirs updated.

    Returns ``(review, created)``. A rating outside 1-5 raises ``ValidationError``
    naming ``rating``, and nothing is written.
    """
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(user=user, product=product).first()
        created = review is None
        if created:
            review = Review(user=user, product=product)
        review.rating = rating
        review.body = body
        review.full_clean()
        review.save()
    return review, created
