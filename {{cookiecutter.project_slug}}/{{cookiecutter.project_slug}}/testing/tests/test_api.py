import pytest
from django.urls import NoReverseMatch
{%- if cookiecutter.use_drf %}
from rest_framework.authtoken.models import Token
{%- endif %}

from {{ cookiecutter.project_slug }}.testing import ANONYMOUS, call_api

pytestmark = pytest.mark.urls("{{ cookiecutter.project_slug }}.testing.tests.urls")


def test_get_sends_query_parameters_and_url_kwargs(client):
    response = call_api(client, "echo-detail", query={"q": "tea"}, url_kwargs={"pk": 3})

    assert response.json()["query"] == {"q": ["tea"]}
    assert response.json()["url_kwargs"] == {"pk": 3}


@pytest.mark.parametrize("method", ["post", "put", "patch", "POST"])
def test_writes_send_the_data_as_json(client, method):
    response = call_api(client, "echo", method, data={"name": "Tea", "price": "4.50"})

    assert response.json()["method"] == method.upper()
    assert response.json()["body"] == {"name": "Tea", "price": "4.50"}


@pytest.mark.parametrize("method", ["get", "delete"])
def test_a_body_on_get_or_delete_is_refused_with_a_pointer_to_query(client, method):
    with pytest.raises(ValueError, match=r"takes no body; pass its parameters as query="):
        call_api(client, "echo", method, data={"q": "tea"})


def test_an_unknown_method_is_refused(client):
    with pytest.raises(ValueError, match="method 'head' is not one of"):
        call_api(client, "echo", "head")


@pytest.mark.urls("config.urls")
@pytest.mark.parametrize(("typed", "close"), [("login", "admin:login"), ("helth", "health")])
def test_an_unknown_url_name_is_refused_with_the_close_ones(client, typed, close):
    with pytest.raises(NoReverseMatch, match=f"Close: {close}."):
        call_api(client, typed)


def test_headers_are_sent(client):
    response = call_api(client, "echo", headers={"X-Trace": "abc"})

    assert response.json()["trace"] == "abc"


def test_user_applies_to_that_call_alone(client, user):
    assert call_api(client, "echo", user=user).json()["user"] == user.username

    assert call_api(client, "echo").json()["user"] is None


def test_a_signed_in_client_is_itself_again_after_a_call_as_another(
    logged_in_client, user, other_user
):
    assert call_api(logged_in_client, "echo", user=other_user).json()["user"] == (
        other_user.username
    )
    assert call_api(logged_in_client, "echo", user=ANONYMOUS).json()["user"] is None

    assert call_api(logged_in_client, "echo").json()["user"] == user.username
{%- if cookiecutter.use_drf %}


@pytest.mark.urls("config.urls")
def test_user_authenticates_drf_s_api_client_for_that_call_alone(api_client, user):
    response = call_api(api_client, "api:current-user", user=user)

    assert response.status_code == 200
    assert response.json()["username"] == user.username
    assert call_api(api_client, "api:current-user").status_code == 401


@pytest.mark.urls("config.urls")
def test_anonymous_drops_every_credential_for_one_call(authenticated_api_client, user):
    token = Token.objects.create(user=user)
    authenticated_api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert call_api(authenticated_api_client, "api:current-user", user=ANONYMOUS).status_code == (
        401
    )
    assert call_api(authenticated_api_client, "api:current-user").status_code == 200
{%- endif %}
