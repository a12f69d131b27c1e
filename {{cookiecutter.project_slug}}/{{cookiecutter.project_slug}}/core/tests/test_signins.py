"""Password guesses are limited on every path that checks a password through
``authenticate()``, by settings.SIGN_IN_LIMITS, counted by client address: the
connection's, unless NUM_PROXIES says a proxy in front gives it."""

import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.test import RequestFactory
from django.urls import reverse

from {{ cookiecutter.project_slug }}.core import signins
{% if cookiecutter.use_drf -%}
from {{ cookiecutter.project_slug }}.testing import assert_response
{% endif -%}
from {{ cookiecutter.project_slug }}.users.factories import (
    DEFAULT_PASSWORD,
    StaffUserFactory,
)

LIMITS = settings.SIGN_IN_LIMITS
REFUSED = "Too many sign-in attempts"


def sign_in(client, username, password, address, **headers):
    """A sign-in to the admin from ``address``."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


def refused(response):
    return response.status_code == 200 and REFUSED in response.text


@pytest.fixture
def staff(db):
    return StaffUserFactory()


def test_guesses_for_an_account_from_one_client_are_capped(client, staff):
    for _ in range(LIMITS["per_client_and_account"]):
        assert not refused(sign_in(client, staff.username, "wrong", "203.0.113.7"))

    assert refused(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.7"))
    # The same account, spelled otherwise, is the same account.
    assert refused(sign_in(client, staff.username.upper(), "wrong", "203.0.113.7"))


def test_a_made_up_forwarded_address_changes_nothing_without_a_proxy(client, staff):
    assert settings.NUM_PROXIES == 0
    for attempt in range(LIMITS["per_client_and_account"]):
        sign_in(client, staff.username, "wrong", "203.0.113.7", x_forwarded_for=f"10.0.0.{attempt}")

    guess = sign_in(client, staff.username, "wrong", "203.0.113.7", x_forwarded_for="10.9.9.9")
    assert refused(guess)


def test_behind_a_proxy_clients_are_told_apart_by_the_address_it_saw(client, staff, settings):
    settings.NUM_PROXIES = 1
    for _ in range(LIMITS["per_client_and_account"]):
        # A client's own X-Forwarded-For comes first; the proxy appends what it saw.
        sign_in(client, staff.username, "wrong", "10.0.0.1", x_forwarded_for="1.2.3.4, 203.0.113.7")

    assert refused(
        sign_in(client, staff.username, "wrong", "10.0.0.1", x_forwarded_for="5.6.7.8, 203.0.113.7")
    )
    assert signed_in(
        sign_in(client, staff.username, DEFAULT_PASSWORD, "10.0.0.1", x_forwarded_for="203.0.113.8")
    )


def test_someone_else_s_guesses_do_not_lock_the_real_user_out(client, staff):
    for _ in range(3 * LIMITS["per_client_and_account"]):
        sign_in(client, staff.username, "wrong", "198.51.100.1")

    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.9"))


def test_guesses_from_many_clients_are_capped_higher_except_for_a_known_one(client, staff):
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.9"))
    client.logout()
    for attempt in range(LIMITS["per_account"] - 1):
        assert not refused(sign_in(client, staff.username, "wrong", f"198.51.{attempt}.1"))

    assert refused(sign_in(client, staff.username, DEFAULT_PASSWORD, "198.51.200.1"))
    # The client that signed in to the account before keeps its own allowance.
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.9"))


def test_guesses_from_one_client_across_accounts_are_capped(client, staff):
    for attempt in range(LIMITS["per_client"]):
        sign_in(client, f"guess{attempt}", "wrong", "203.0.113.7")

    assert refused(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.7"))
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.8"))


def test_a_success_resets_the_client_s_count(client, staff):
    for _ in range(LIMITS["per_client_and_account"] - 1):
        sign_in(client, staff.username, "wrong", "203.0.113.7")
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.7"))
    client.logout()

    for _ in range(LIMITS["per_client_and_account"] - 1):
        assert not refused(sign_in(client, staff.username, "wrong", "203.0.113.7"))
    assert signed_in(sign_in(client, staff.username, DEFAULT_PASSWORD, "203.0.113.7"))


def test_guesses_at_once_check_no_more_passwords_than_allowed(mocker):
    checked = []
    lock = threading.Lock()

    def check(backend, request, username=None, password=None, **kwargs):
        with lock:
            checked.append(password)
        time.sleep(0.05)  # a password's hash takes a while

    mocker.patch.object(ModelBackend, "authenticate", check)
    mocker.patch.object(signins, "account_of", lambda username: f"name:{username}")
    guessers = 40
    together = threading.Barrier(guessers)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")

    def guess(number):
        together.wait(timeout=10)
        authenticate(request, username="admin", password=f"guess{number}")

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(guessers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert len(checked) == LIMITS["per_client_and_account"]
{%- if cookiecutter.use_drf %}


def test_the_token_endpoint_counts_with_the_admin_s_sign_in(client, api_client, staff):
    token = reverse("api:token")
    for _ in range(LIMITS["per_client_and_account"] - 1):
        sign_in(client, staff.username, "wrong", "203.0.113.7")
    guess = {"username": staff.username, "password": "wrong"}
    assert api_client.post(token, guess, REMOTE_ADDR="203.0.113.7").status_code == 400

    locked = api_client.post(
        token, {**guess, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )

    assert REFUSED in assert_response(locked, 429)["detail"]
    assert 0 < int(locked["Retry-After"]) <= LIMITS["window"]
    # Another client, with the password, gets its token.
    right = {**guess, "password": DEFAULT_PASSWORD}
    assert "token" in assert_response(api_client.post(token, right, REMOTE_ADDR="203.0.113.8"), 200)
{%- endif %}
