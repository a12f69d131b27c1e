from smtplib import SMTPServerDisconnected

import django
import pytest
from django.core import mail

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews import alerts
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.testing import assert_response, call_api

pytestmark = pytest.mark.django_db

MANAGER = "shop@example.com"


@pytest.fixture(autouse=True)
def managers(settings):
    # Django 6.0 lists addresses; 5.2 wants (name, address) pairs.
    settings.MANAGERS = [MANAGER] if django.VERSION >= (6, 0) else [("Shop", MANAGER)]


def post_review(api_client, user, product, rating):
    return call_api(
        api_client,
        "api:product-reviews",
        "post",
        data={"rating": rating, "body": "Arrived broken"},
        url_kwargs={"product_pk": product.pk},
        user=user,
    )


def test_a_new_lowest_rating_is_mailed_to_the_managers(api_client, user):
    product = ProductFactory(name="Teapot")

    assert_response(post_review(api_client, user, product, 1), 201)

    [sent] = mail.outbox
    assert sent.to == [MANAGER]
    assert f"{user} rated Teapot 1/5" in sent.body
    assert "Arrived broken" in sent.body


@pytest.mark.parametrize("rating", [2, 5])
def test_other_ratings_send_nothing(api_client, user, rating):
    assert_response(post_review(api_client, user, ProductFactory(), rating), 201)

    assert mail.outbox == []


def test_rewriting_a_review_to_the_lowest_rating_sends_nothing(api_client, user):
    product = ProductFactory()
    assert_response(post_review(api_client, user, product, 4), 201)

    assert_response(post_review(api_client, user, product, 1), 200)

    assert mail.outbox == []


def test_a_review_deleted_and_posted_again_is_mailed_once(api_client, user):
    product = ProductFactory()
    for _ in range(3):
        review = assert_response(post_review(api_client, user, product, 1), 201)
        deleted = call_api(
            api_client,
            "api:product-review-detail",
            "delete",
            url_kwargs={"product_pk": product.pk, "pk": review["id"]},
            user=user,
        )
        assert_response(deleted, 204, kind=None)

    assert len(mail.outbox) == 1


def test_a_review_deleted_before_the_worker_runs_sends_nothing(user):
    review = ReviewFactory(user=user, rating=1)
    review_id = review.pk
    review.delete()

    assert alerts.tell_managers.call(review_id) is False
    assert mail.outbox == []


@pytest.mark.parametrize(
    "failure",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),  # no answer to connecting, after EMAIL_TIMEOUT
        # A server that stops answering, after EMAIL_TIMEOUT, or hangs up.
        SMTPServerDisconnected("Connection unexpectedly closed: timed out"),
    ],
    ids=["refused", "unreachable", "silent"],
)
def test_a_mail_server_that_is_down_costs_the_reviewer_nothing(
    api_client, user, mocker, caplog, failure
):
    # Patched where the alert looks it up (reviews.alerts), not in django.core.mail: the
    # failures are the ones a real SMTP server gives, which the in-memory backend cannot.
    sending = mocker.patch.object(alerts, "mail_managers", side_effect=failure)

    response = post_review(api_client, user, ProductFactory(), 1)

    assert assert_response(response, 201)["rating"] == 1
    sending.assert_called_once()
    # One line in the log, saying why; no traceback for a mail server's bad day.
    [logged] = [record for record in caplog.records if record.name == alerts.logger.name]
    assert logged.getMessage().startswith("Could not tell the managers of review ")
    assert logged.getMessage().endswith(repr(failure))
    assert logged.exc_info is None
