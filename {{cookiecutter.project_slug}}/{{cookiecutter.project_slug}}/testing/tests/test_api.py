import pytest

from {{ cookiecutter.project_slug }}.testing import call_api

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


def test_headers_are_sent(client):
    response = call_api(client, "echo", headers={"X-Trace": "abc"})

    assert response.json()["trace"] == "abc"


def test_user_logs_the_plain_client_in(client, user):
    response = call_api(client, "echo", user=user)

    assert response.json()["user"] == user.username
{%- if cookiecutter.use_drf == "y" %}


@pytest.mark.urls("config.urls")
def test_user_authenticates_drf_s_api_client(api_client, user):
    response = call_api(api_client, "api:current-user", user=user)

    assert response.status_code == 200
    assert response.json()["username"] == user.username
{%- endif %}
