"""Properties of reviews that hold for any ratings, not only the ones a test picked.

Hypothesis generates the inputs (how many examples: the profiles in the root
conftest.py) and, on a failure, shrinks them to the smallest that still fails. Its
Django ``TestCase`` rolls the database back after every example.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews.models import RATING_MAX, RATING_MIN, Review
from {{ cookiecutter.project_slug }}.reviews.services import upsert_review
from {{ cookiecutter.project_slug }}.users.factories import UserFactory

ratings = st.integers(RATING_MIN, RATING_MAX)


class TestReviewProperties(TestCase):
    @given(rating=st.integers())
    def test_a_rating_is_kept_if_and_only_if_it_is_one_to_five(self, rating):
        user, product = UserFactory(), ProductFactory()

        if RATING_MIN <= rating <= RATING_MAX:
            review, created = upsert_review(user, product, rating)
            assert created
            assert Review.objects.get(pk=review.pk).rating == rating
        else:
            with pytest.raises(ValidationError) as refused:
                upsert_review(user, product, rating)
            assert "rating" in refused.value.message_dict
            assert not Review.objects.exists()

    @given(writes=st.lists(st.tuples(st.integers(0, 2), ratings), min_size=1, max_size=8))
    def test_each_user_has_one_review_holding_their_last_rating(self, writes):
        users, product = UserFactory.create_batch(3), ProductFactory()
        last = {}

        for who, rating in writes:
            _, created = upsert_review(users[who], product, rating)
            assert created == (who not in last)
            last[who] = rating

        kept = {review.user_id: review.rating for review in product.reviews.all()}
        assert kept == {users[who].pk: rating for who, rating in last.items()}

    @given(given_ratings=st.lists(ratings, max_size=6))
    def test_the_average_is_the_mean_to_one_decimal_half_up(self, given_ratings):
        product = ProductFactory()
        for rating in given_ratings:
            upsert_review(UserFactory(), product, rating)

        average = product.average_rating

        if not given_ratings:
            assert average is None
        else:
            mean = Decimal(sum(given_ratings)) / len(given_ratings)
            assert average == mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            assert RATING_MIN <= average <= RATING_MAX
