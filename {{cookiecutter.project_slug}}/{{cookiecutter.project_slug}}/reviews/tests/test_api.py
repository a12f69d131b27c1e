import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.models import BODY_MAX_LENGTH, Review
from {{ cookiecutter.project_slug }}.testing import (
    assert_no_server_error,
    assert_response,
    call_api,
)

pytestmark = pytest.mark.django_db

PAYLOAD_FIELDS = {"id", "author", "rating", "body", "created_at", "updated_at"}


@pytest.fixture
def product():
    return ProductFactory()


def reviews_of(product):
    return {"product_pk": product.pk}


def review_of(review):
    return {"product_pk": review.product_id, "pk": review.pk}


def post_review(api_client, product, data, user=None):
    url_kwargs = reviews_of(product)
    return call_api(
        api_client, "api:product-reviews", "post", data=data, url_kwargs=url_kwargs, user=user
    )


def delete_review(api_client, review, user=None):
    detail = "api:product-review-detail"
    return call_api(api_client, detail, "delete", url_kwargs=review_of(review), user=user)


# The list: GET for anyone, newest first, paginated.


def test_the_list_is_newest_first_and_paginated(api_client, product):
    older = ReviewFactory(product=product)
    newer = ReviewFactory(product=product)
    ReviewFactory()  # another product's review stays out

    payload = assert_response(
        call_api(api_client, "api:product-reviews", url_kwargs=reviews_of(product)), 200
    )

    assert payload["count"] == 2
    assert [item["id"] for item in payload["results"]] == [newer.pk, older.pk]
    assert set(payload["results"][0]) == PAYLOAD_FIELDS
    assert payload["results"][0]["author"] == newer.user.username


def test_the_list_pages_through_many_reviews(api_client, product):
    ReviewFactory.create_batch(25, product=product)

    first = assert_response(
        call_api(api_client, "api:product-reviews", url_kwargs=reviews_of(product)), 200
    )
    second = assert_response(
        call_api(
            api_client, "api:product-reviews", query={"page": 2}, url_kwargs=reviews_of(product)
        ),
        200,
    )

    assert (first["count"], len(first["results"]), len(second["results"])) == (25, 20, 5)


def test_the_list_costs_the_same_queries_however_many_reviews(api_client, product):
    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            call_api(api_client, "api:product-reviews", url_kwargs=reviews_of(product))
        return len(captured)

    ReviewFactory.create_batch(2, product=product)
    with_two = queries_for_list()
    ReviewFactory.create_batch(15, product=product)

    assert queries_for_list() == with_two


# Writing: POST creates, or updates the author's own review.


def test_post_creates_a_review(api_client, user, product):
    response = post_review(api_client, product, {"rating": 5, "body": "Lovely."}, user=user)

    payload = assert_response(response, 201)
    assert (payload["author"], payload["rating"], payload["body"]) == (user.username, 5, "Lovely.")
    assert Review.objects.get(pk=payload["id"]).product == product


def test_posting_again_updates_with_200(api_client, user, product):
    ReviewFactory(user=user, product=product, rating=1)

    response = post_review(api_client, product, {"rating": 4}, user=user)

    assert assert_response(response, 200)["rating"] == 4
    assert Review.objects.get().rating == 4


@pytest.mark.parametrize("rating", [0, 6, "five"])
def test_a_bad_rating_is_a_400_naming_rating(api_client, user, product, rating):
    response = post_review(api_client, product, {"rating": rating}, user=user)

    assert "rating" in assert_response(response, 400)
    assert not Review.objects.exists()


def test_a_body_over_the_limit_is_a_400_naming_body(api_client, user, product):
    data = {"rating": 3, "body": "x" * (BODY_MAX_LENGTH + 1)}

    assert "body" in assert_response(post_review(api_client, product, data, user=user), 400)
    assert not Review.objects.exists()


def test_no_bad_request_gets_a_server_error(authenticated_api_client, user, product):
    review = ReviewFactory(user=user, product=product)

    assert_no_server_error(
        authenticated_api_client,
        reverse("api:product-reviews", kwargs=reviews_of(product)),
        methods=("post",),
        fields=("rating", "body"),
    )
    assert_no_server_error(
        authenticated_api_client,
        reverse("api:product-review-detail", kwargs=review_of(review)),
        methods=("put", "patch", "delete"),
    )


def test_anonymous_writes_are_401_with_a_challenge(api_client, product):
    response = post_review(api_client, product, {"rating": 5})

    assert_response(response, 401)
    assert "WWW-Authenticate" in response


def test_an_unknown_product_is_404(api_client, user):
    missing = ProductFactory.build(pk=999_999)

    assert_response(
        call_api(api_client, "api:product-reviews", url_kwargs=reviews_of(missing)), 404
    )
    assert_response(post_review(api_client, missing, {"rating": 5}, user=user), 404)
    reviews = reverse("api:product-reviews", kwargs=reviews_of(missing))
    assert_response(api_client.options(reviews), 404)


# One review: GET for anyone, DELETE for its author.


def test_anyone_reads_one_review(api_client):
    review = ReviewFactory()

    payload = assert_response(
        call_api(api_client, "api:product-review-detail", url_kwargs=review_of(review)), 200
    )

    assert payload["id"] == review.pk
    assert set(payload) == PAYLOAD_FIELDS


def test_the_author_deletes_their_review(api_client):
    review = ReviewFactory()

    assert_response(delete_review(api_client, review, user=review.user), 204, kind=None)
    assert not Review.objects.exists()


def test_another_user_may_not_delete(api_client, other_user):
    review = ReviewFactory()

    assert_response(delete_review(api_client, review, user=other_user), 403)
    assert Review.objects.filter(pk=review.pk).exists()


def test_anonymous_deletes_are_401(api_client):
    review = ReviewFactory()

    assert_response(delete_review(api_client, review), 401)
    assert Review.objects.filter(pk=review.pk).exists()


def test_a_review_is_found_only_under_its_own_product(api_client):
    review = ReviewFactory()
    elsewhere = {"product_pk": ProductFactory().pk, "pk": review.pk}

    assert_response(call_api(api_client, "api:product-review-detail", url_kwargs=elsewhere), 404)


def test_the_urls_live_in_the_api_namespace():
    assert reverse("api:product-reviews", kwargs={"product_pk": 7}) == "/api/products/7/reviews/"
    assert (
        reverse("api:product-review-detail", kwargs={"product_pk": 7, "pk": 3})
        == "/api/products/7/reviews/3/"
    )
