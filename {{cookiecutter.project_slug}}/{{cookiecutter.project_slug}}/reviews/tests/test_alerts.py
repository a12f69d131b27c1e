from datetime import timedelta
from smtplib import SMTPServerDisconnected

import django
import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.db import OperationalError
from django.utils import timezone

from {{ cookiecutter.project_slug }}.orders.factories import ProductFactory
from {{ cookiecutter.project_slug }}.reviews import alerts
from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.models import PoorRatingAlert
from {{ cookiecutter.project_slug }}.testing import assert_response, call_api

pytestmark = pytest.mark.django_db

MANAGER = "shop@example.com"
FAILURES = {
    "refused": ConnectionRefusedError(111, "Connection refused"),
    "unreachable": TimeoutError("timed out"),  # no answer to connecting, after EMAIL_TIMEOUT
    # A server that stops answering, after EMAIL_TIMEOUT, or hangs up.
    "silent": SMTPServerDisconnected("Connection unexpectedly closed: timed out"),
}


class FlakyMailServer(locmem.EmailBackend):
    """Raises each of ``failures`` in turn, the errors a real SMTP server gives, then
    delivers to ``mail.outbox`` as the in-memory backend does. ``handed`` keeps every
    message it was given, delivered or not."""

    failures: list[Exception] = []
    handed: list[mail.EmailMessage] = []

    def send_messages(self, email_messages):
        FlakyMailServer.handed += email_messages
        if FlakyMailServer.failures:
            raise FlakyMailServer.failures.pop(0)
        return super().send_messages(email_messages)


@pytest.fixture(autouse=True)
def managers(settings):
    # Django 6.0 lists addresses; 5.2 wants (name, address) pairs.
    settings.MANAGERS = [MANAGER] if django.VERSION >= (6, 0) else [("Shop", MANAGER)]


@pytest.fixture
def mail_server(settings):
    """The mail server, which fails each time a test adds to its ``failures``."""
    backend = f"{__name__}.{FlakyMailServer.__name__}"
    if django.VERSION >= (6, 1):
        settings.MAILERS = {"default": {"BACKEND": backend}}
    else:
        settings.EMAIL_BACKEND = backend
    FlakyMailServer.failures, FlakyMailServer.handed = [], []
    return FlakyMailServer


@pytest.fixture
def queue(settings):
    """The tasks enqueued, kept unrun (Django's dummy backend) for the test to run one at
    a time as the worker would, with ``run_next``."""
    tasks = "django.tasks" if django.VERSION >= (6, 0) else "django_tasks"
    settings.TASKS = {"default": {"BACKEND": f"{tasks}.backends.dummy.DummyBackend"}}
    return alerts.tell_managers.get_backend()


def run_next(queue):
    """Run the one task waiting in ``queue``: (what it returned, the task as enqueued)."""
    [waiting] = queue.results
    queue.clear()
    return waiting.task.call(*waiting.args, **waiting.kwargs), waiting


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


def test_a_review_deleted_before_the_worker_runs_sends_nothing(user, queue):
    review = ReviewFactory(user=user, rating=1)
    alerts.alert_managers_of_a_poor_review(review)
    review.delete()

    assert run_next(queue)[0] is False
    assert mail.outbox == []


def test_a_lowest_rating_is_answered_before_any_mail_is_sent(api_client, user, queue):
    response = post_review(api_client, user, ProductFactory(), 1)

    assert assert_response(response, 201)["rating"] == 1
    assert mail.outbox == []
    [waiting] = queue.results
    assert waiting.task.name == "tell_managers"


def test_an_alert_and_its_task_are_written_together(user, mocker):
    tell_managers = mocker.patch.object(alerts, "tell_managers")
    tell_managers.enqueue.side_effect = OperationalError("the database went away")

    with pytest.raises(OperationalError):
        alerts.alert_managers_of_a_poor_review(ReviewFactory(user=user, rating=1))

    # Else the alert would be recorded as owed, with no task to send it, ever.
    assert not PoorRatingAlert.objects.exists()


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_failed_send_is_tried_again_later_and_recorded_once_it_went(
    user, queue, mail_server, caplog, failure
):
    mail_server.failures = [failure, failure]
    alerts.alert_managers_of_a_poor_review(ReviewFactory(user=user, rating=1))
    alert = PoorRatingAlert.objects.get()

    # Each failure: nothing recorded, one line in the log, the next try enqueued for later,
    # twice as late each time.
    for attempt, delay in [(1, 30), (2, 60)]:
        caplog.clear()
        tried_at = timezone.now()
        assert run_next(queue)[0] is False
        alert.refresh_from_db()
        assert alert.sent_at is None
        assert mail.outbox == []
        [logged] = [record for record in caplog.records if record.name == alerts.logger.name]
        assert logged.getMessage() == (
            f"Could not tell the managers of alert {alert.pk} (try {attempt} of 10; "
            f"next in {delay} s): {failure!r}"
        )
        assert logged.exc_info is None
        [retry] = queue.results
        assert tuple(retry.args) == (alert.pk, attempt + 1)
        assert timedelta(seconds=delay) <= retry.task.run_after - tried_at
        assert retry.task.run_after - timezone.now() <= timedelta(seconds=delay)

    assert run_next(queue)[0] is True
    [sent] = mail.outbox
    assert sent.to == [MANAGER]
    alert.refresh_from_db()
    assert alert.sent_at is not None
    assert queue.results == []


def test_an_alert_sent_already_is_not_sent_again(user, queue):
    alerts.alert_managers_of_a_poor_review(ReviewFactory(user=user, rating=1))
    [waiting] = queue.results
    alert_id = waiting.args[0]

    # The task run twice: by a second worker, or retried after a send that went.
    assert alerts.tell_managers.call(alert_id) is True
    assert alerts.tell_managers.call(alert_id, 2) is False

    assert len(mail.outbox) == 1


def test_every_try_of_an_alert_has_the_same_message_id(user, queue, mail_server):
    mail_server.failures = [TimeoutError("timed out")]
    for product in ProductFactory.create_batch(2):
        alerts.alert_managers_of_a_poor_review(ReviewFactory(user=user, product=product, rating=1))
    first, second = queue.results
    queue.clear()
    for waiting in (first, first, second):
        waiting.task.call(*waiting.args, **waiting.kwargs)

    ids = [message.message()["Message-ID"] for message in mail_server.handed]
    # A mail the server took without saying so, tried again, reads as the same mail; the
    # next alert does not.
    assert ids[0] == ids[1] != ids[2]
    assert len(mail.outbox) == 2


def test_tries_are_bounded_and_giving_up_is_one_line(user, queue, mail_server, settings, caplog):
    settings.ALERT_TRIES = 3
    failure = TimeoutError("timed out")
    mail_server.failures = [failure] * 3
    alerts.alert_managers_of_a_poor_review(ReviewFactory(user=user, rating=1))
    alert = PoorRatingAlert.objects.get()

    for _ in range(3):
        assert run_next(queue)[0] is False

    assert queue.results == []
    assert len(mail_server.handed) == 3
    [gave_up] = [record for record in caplog.records if record.levelname == "ERROR"]
    assert gave_up.getMessage() == (
        f"Gave up telling the managers of alert {alert.pk} after 3 tries: {failure!r}"
    )
    assert gave_up.exc_info is None
    alert.refresh_from_db()
    assert alert.sent_at is None
