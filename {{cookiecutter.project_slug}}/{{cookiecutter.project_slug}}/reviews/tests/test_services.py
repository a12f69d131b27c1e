import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews import services
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.models import Review
from {{ cookiecutter.project_slug }}.reviews.services import upsert_review

pytestmark = pytest.mark.django_db


def test_the_first_review_is_created(user):
    product = ProductFactory()

    review, created = upsert_review(user, product, 4, "Good tea.")

    assert created
    assert (review.user, review.product, review.rating, review.body) == (
        user,
        product,
        4,
        "Good tea.",
    )


def test_a_second_review_by_the_same_user_updates_the_first(user):
    product = ProductFactory()
    first, _ = upsert_review(user, product, 2, "Too bitter.")

    second, created = upsert_review(user, product, 5)

    assert not created
    assert second.pk == first.pk
    assert (second.rating, second.body) == (5, "")
    assert Review.objects.count() == 1


def test_another_user_gets_a_review_of_their_own(user, other_user):
    product = ProductFactory()
    upsert_review(user, product, 2)

    _, created = upsert_review(other_user, product, 5)

    assert created
    assert product.reviews.count() == 2


@pytest.mark.parametrize("rating", [0, 6])
def test_a_bad_rating_writes_nothing(user, rating):
    with pytest.raises(ValidationError) as error:
        upsert_review(user, ProductFactory(), rating)

    assert "rating" in error.value.message_dict
    assert not Review.objects.exists()


def test_losing_the_race_to_the_first_review_updates_the_winner_s(user, monkeypatch):
    # As when another request inserts between this one's read and its insert: the read
    # finds nothing, the insert hits the unique constraint, and the retry finds the row.
    product = ProductFactory()
    winner = ReviewFactory(user=user, product=product, rating=1)
    real_read, reads = services._locked_review, []

    def first_read_misses(*args):
        reads.append(args)
        return None if len(reads) == 1 else real_read(*args)

    monkeypatch.setattr(services, "_locked_review", first_read_misses)

    review, created = upsert_review(user, product, 5, "Changed my mind.")

    assert (created, review.pk, len(reads)) == (False, winner.pk, 2)
    winner.refresh_from_db()
    assert (winner.rating, winner.body) == (5, "Changed my mind.")


def test_an_integrity_error_that_is_not_the_race_is_raised(user, monkeypatch):
    product = ProductFactory()
    ReviewFactory(user=user, product=product)
    monkeypatch.setattr(services, "_locked_review", lambda *args: None)

    with pytest.raises(IntegrityError):
        upsert_review(user, product, 5)
