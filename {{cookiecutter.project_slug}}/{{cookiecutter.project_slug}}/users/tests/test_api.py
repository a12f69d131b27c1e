from urllib.parse import urlencode

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from {{ cookiecutter.project_slug }}.testing import (
    BaseRequestTestCase,
    assert_no_server_error,
    assert_response,
)
from {{ cookiecutter.project_slug }}.users.factories import DEFAULT_PASSWORD

ME = reverse("api:current-user")
TOKEN = reverse("api:token")


@pytest.mark.django_db
def test_anonymous_requests_are_401_with_a_challenge(api_client):
    response = api_client.get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_an_answer_to_a_signed_in_client_is_kept_by_no_cache(api_client, user):
    token = Token.objects.create(user=user)

    answer = api_client.get(ME, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert assert_response(answer, 200)["username"] == user.username
    assert set(answer["Cache-Control"].split(", ")) >= {"private", "no-store"}
    assert "Cache-Control" not in api_client.get(reverse("api:schema"))


@pytest.mark.django_db
def test_an_inactive_user_s_token_is_refused_like_one_that_does_not_exist(api_client, user):
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()

    inactive = api_client.get(ME, HTTP_AUTHORIZATION=f"Token {token.key}")
    unknown = api_client.get(ME, HTTP_AUTHORIZATION=f"Token {'0' * 40}")

    assert assert_response(inactive, 401) == assert_response(unknown, 401)
    assert assert_response(inactive, 401) == {"detail": "Invalid token."}


@pytest.mark.django_db
def test_a_client_signs_in_for_a_token_uses_it_and_gives_it_up(api_client, user):
    credentials = {"username": user.username, "password": DEFAULT_PASSWORD}
    key = assert_response(api_client.post(TOKEN, credentials), 200)["token"]
    # Asked again, the same token.
    assert assert_response(api_client.post(TOKEN, credentials), 200) == {"token": key}
    signed = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert assert_response(api_client.get(ME, **signed), 200)["id"] == user.pk

    assert_response(api_client.delete(TOKEN, **signed), 204, kind=None)

    assert assert_response(api_client.get(ME, **signed), 401) == {"detail": "Invalid token."}


@pytest.mark.django_db
def test_a_form_post_gets_the_token_too_as_curl_sends_it(client, user):
    form = urlencode({"username": user.username, "password": DEFAULT_PASSWORD})
    response = client.post(TOKEN, form, content_type="application/x-www-form-urlencoded")

    assert assert_response(response, 200) == {"token": Token.objects.get(user=user).key}


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", ["password", "inactive"])
def test_no_token_for_a_wrong_password_or_an_inactive_account(api_client, user, wrong):
    password = "not-the-password" if wrong == "password" else DEFAULT_PASSWORD
    if wrong == "inactive":
        user.is_active = False
        user.save()

    refused = api_client.post(TOKEN, {"username": user.username, "password": password})

    assert assert_response(refused, 400) == {
        "non_field_errors": ["No active account has this username and password."]
    }
    assert not Token.objects.exists()


def test_me_returns_the_signed_in_user(authenticated_api_client, user):
    response = authenticated_api_client.get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def test_patch_changes_the_name_but_never_the_username(authenticated_api_client, user):
    response = authenticated_api_client.patch(
        ME, {"first_name": "Ada", "username": "someone-else"}, format="json"
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.first_name == "Ada"
    assert user.username != "someone-else"


@pytest.mark.parametrize("blank", [" ", "\u00a0", "\t"])
def test_a_blank_email_address_is_a_400_not_no_address(authenticated_api_client, user, blank):
    # The schema allows an address or nothing; whitespace is neither.
    response = authenticated_api_client.patch(ME, {"email": blank}, format="json")

    assert response.status_code == 400
    assert "email" in response.json()
    user.refresh_from_db()
    assert user.email != ""


def test_no_email_address_is_allowed(authenticated_api_client, user):
    response = authenticated_api_client.patch(ME, {"email": ""}, format="json")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == ""


def test_a_token_authenticates_a_request(api_client, user):
    token = Token.objects.create(user=user)

    response = api_client.get(ME, headers={"Authorization": f"Token {token.key}"})

    assert response.status_code == 200
    assert response.json()["username"] == user.username


def test_no_bad_request_to_me_gets_a_server_error(authenticated_api_client):
    assert_no_server_error(
        authenticated_api_client, ME, fields=("email", "first_name", "last_name")
    )


class TestAUserKeepsTheirProfileUpToDate(BaseRequestTestCase):
    """A story across requests on the API: read, correct, replace, then sign out."""

    def test_read_correct_and_replace_the_profile(self):
        profile = assert_response(self.get("api:current-user"), 200)
        assert profile["username"] == self.user.username

        corrected = self.patch_json("api:current-user", {"last_name": "Byron"})
        assert assert_response(corrected, 200)["last_name"] == "Byron"

        person = self.fake_person()
        replaced = assert_response(self.put_json("api:current-user", person), 200)
        assert {key: replaced[key] for key in person} == person
        assert assert_response(self.get("api:current-user"), 200) == replaced

        self.logout()
        assert_response(self.get("api:current-user"), 401)
