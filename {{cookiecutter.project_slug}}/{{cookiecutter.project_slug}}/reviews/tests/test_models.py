import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.models import PoorRatingAlert, Review

# Unit: the field's validators, on a built review; no database.


@pytest.mark.parametrize("rating", [0, 6, 10])
def test_a_rating_outside_1_to_5_is_refused_by_name(rating):
    review = ReviewFactory.build(rating=rating)

    with pytest.raises(ValidationError) as error:
        review.clean_fields(exclude=["user", "product"])

    assert list(error.value.message_dict) == ["rating"]


@pytest.mark.parametrize("rating", [1, 3, 5])
def test_a_rating_from_1_to_5_is_accepted(rating):
    ReviewFactory.build(rating=rating).clean_fields(exclude=["user", "product"])


def test_the_body_defaults_to_empty():
    assert Review().body == ""


def test_a_review_reads_as_rating_product_and_author():
    review = ReviewFactory.build(rating=4, product__name="Tea", user__username="ada")

    assert str(review) == "4/5 for Tea by ada"


def test_an_alert_reads_as_who_rated_what_and_whether_it_went():
    review = ReviewFactory.build(rating=1, product__name="Tea", user__username="ada")
    alert = PoorRatingAlert(user=review.user, product=review.product)

    assert str(alert) == "ada rated Tea lowest; the managers are yet to be told"
    alert.sent_at = timezone.now()
    assert str(alert) == "ada rated Tea lowest; the managers were told"


# Integration: what the database itself guarantees.


@pytest.mark.django_db
def test_full_clean_names_the_rating_field():
    review = ReviewFactory.build(rating=9, user=ReviewFactory().user)
    review.product.save()

    with pytest.raises(ValidationError) as error:
        review.full_clean()

    assert "rating" in error.value.message_dict


@pytest.mark.django_db
def test_one_review_per_user_and_product():
    review = ReviewFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(user=review.user, product=review.product, rating=3)


@pytest.mark.django_db
def test_the_database_refuses_a_rating_outside_1_to_5():
    review = ReviewFactory(rating=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(rating=6)


@pytest.mark.django_db
def test_reviews_are_reachable_from_the_user_and_the_product():
    review = ReviewFactory()

    assert list(review.user.reviews.all()) == [review]
    assert list(review.product.reviews.all()) == [review]


@pytest.mark.django_db
def test_timestamps_are_set_on_create_and_moved_on_update():
    review = ReviewFactory()
    created_at, updated_at = review.created_at, review.updated_at

    review.body = "Changed my mind."
    review.save()

    assert review.created_at == created_at
    assert review.updated_at > updated_at
