import pytest
from django.core.exceptions import ValidationError

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
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
