"""The admin's sign-in page refuses an account, or a client address, after too many
failed attempts, with a page that says so: the limits in settings.ADMIN_LOGIN_LIMITS."""

import pytest
from django.conf import settings
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.factories import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
)

LIMITS = settings.ADMIN_LOGIN_LIMITS
REFUSED = "Too many failed sign-ins"


def sign_in(client, username, password, address):
    """A sign-in from ``address``, as the proxy in front (10.0.0.1) forwards it."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
def test_an_account_is_refused_after_too_many_failures_even_with_its_password(client):
    staff = StaffUserFactory()
    for attempt in range(LIMITS["per_account"]):
        failed = sign_in(client, staff.username, "wrong", f"198.51.100.{attempt}")
        assert failed.status_code == 200
        assert REFUSED not in failed.text

    refused = sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.9")

    assert not signed_in(refused)
    assert REFUSED in refused.text
    # Another account, from the same address, is not held back.
    assert signed_in(sign_in(client, StaffUserFactory().username, DEFAULT_PASSWORD, "203.0.113.9"))


@pytest.mark.django_db
def test_an_address_is_refused_after_too_many_failures_across_accounts(client):
    for attempt in range(LIMITS["per_address"]):
        sign_in(client, f"guess{attempt}", "wrong", "203.0.113.7")
    staff = StaffUserFactory()

    refused = sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.7")

    assert not signed_in(refused)
    assert REFUSED in refused.text
    # Behind the same proxy, another client is told apart by its forwarded address.
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.8"))
