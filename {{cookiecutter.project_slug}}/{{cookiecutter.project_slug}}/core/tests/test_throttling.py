"""Past its rate, a client is answered 429, in JSON, with Retry-After: the rates are
settings.REST_FRAMEWORK's, as a deploy sets them."""

import pytest
from django.conf import settings
from django.urls import reverse

from {{ cookiecutter.project_slug }}.testing import assert_response

RATES = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]


def allowed(scope):
    """How many requests a rate lets through in its period ("60/minute": 60)."""
    return int(RATES[scope].split("/")[0])


def assert_throttled(response):
    assert "Request was throttled" in assert_response(response, 429)["detail"]
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_an_anonymous_client_is_limited_by_its_address(api_client):
    root = reverse("api:root")
    for _ in range(allowed("anon")):
        assert api_client.get(root, REMOTE_ADDR="203.0.113.7").status_code == 200

    assert_throttled(api_client.get(root, REMOTE_ADDR="203.0.113.7"))
    assert api_client.get(root, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_signed_in_user_is_limited_by_account(authenticated_api_client):
    me = reverse("api:current-user")
    for _ in range(allowed("user")):
        assert authenticated_api_client.get(me).status_code == 200

    assert_throttled(authenticated_api_client.get(me))


@pytest.mark.django_db
def test_asking_for_a_token_is_limited_more_strictly(api_client, user):
    token = reverse("api:token")
    assert allowed("auth") < allowed("anon")
    for attempt in range(allowed("auth")):
        guess = {"username": f"guess{attempt}", "password": "wrong"}
        assert api_client.post(token, guess).status_code == 400

    assert_throttled(api_client.post(token, {"username": user.username, "password": "right"}))
