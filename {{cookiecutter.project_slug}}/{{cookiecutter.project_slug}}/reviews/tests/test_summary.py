"""A product's review summary: an async view on the async ORM, tested by async tests."""

import pytest
from django.test import TestCase

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.models import Review
from {{ cookiecutter.project_slug }}.testing import (
    UserFactory,
    acall_api,
    assert_num_queries,
    assert_response,
)

pytestmark = pytest.mark.django_db

NO_RATINGS = {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}


@pytest.fixture
def product():
    return ProductFactory()


async def summary_of(async_client, product_pk):
    url_kwargs = {"product_pk": product_pk}
    return await acall_api(async_client, "api:product-review-summary", url_kwargs=url_kwargs)


async def test_the_summary_counts_averages_and_spreads_the_ratings(async_client, product):
    for rating in (5, 4, 4):
        await ReviewFactory.acreate(product=product, rating=rating)
    await ReviewFactory.acreate(rating=1)  # another product's review stays out

    payload = assert_response(await summary_of(async_client, product.pk), 200)

    assert payload == {
        "count": 3,
        "average": 4.33,
        "ratings": {**NO_RATINGS, "4": 2, "5": 1},
    }


async def test_a_product_without_reviews_has_no_average(async_client, product):
    payload = assert_response(await summary_of(async_client, product.pk), 200)

    assert payload == {"count": 0, "average": None, "ratings": NO_RATINGS}


async def test_an_unknown_product_is_a_json_404(async_client, product):
    assert_response(await summary_of(async_client, product.pk + 1), 404)


async def test_the_summary_takes_three_queries_however_many_reviews(async_client, product):
    for _ in range(4):
        await ReviewFactory.acreate(product=product)

    async with assert_num_queries(3):
        assert_response(await summary_of(async_client, product.pk), 200)


async def test_a_review_deleted_leaves_the_summary(async_client, user, product):
    review = await ReviewFactory.acreate(product=product, user=user, rating=2)
    detail = {"product_pk": product.pk, "pk": review.pk}

    deleted = await acall_api(
        async_client, "api:product-review-detail", "delete", url_kwargs=detail, user=user
    )

    assert_response(deleted, 204, None)
    assert not await Review.objects.filter(pk=review.pk).aexists()
    assert assert_response(await summary_of(async_client, product.pk), 200)["count"] == 0


class SummaryStories(TestCase):
    """The same view from Django's own style of async test: an async method on TestCase."""

    @classmethod
    def setUpTestData(cls):
        cls.product = ProductFactory()
        cls.user = UserFactory()

    async def test_a_review_posted_through_the_api_is_in_the_summary_at_once(self):
        await self.async_client.aforce_login(self.user)
        review, reviews = {"rating": 3, "body": "Does the job."}, {"product_pk": self.product.pk}
        posted = await acall_api(
            self.async_client, "api:product-reviews", "post", data=review, url_kwargs=reviews
        )
        assert_response(posted, 201)

        response = await summary_of(self.async_client, self.product.pk)

        self.assertEqual(assert_response(response, 200)["ratings"], {**NO_RATINGS, "3": 1})
