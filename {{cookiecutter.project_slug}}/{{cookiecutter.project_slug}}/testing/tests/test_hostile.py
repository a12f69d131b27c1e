import pytest
from django.test import Client
from django.urls import reverse

from {{ cookiecutter.project_slug }}.testing import assert_no_server_error
from {{ cookiecutter.project_slug }}.testing.hostile import (
    BODIES,
    FIELD_VALUES,
    hostile_requests,
)

pytestmark = pytest.mark.urls("{{ cookiecutter.project_slug }}.testing.tests.urls")


@pytest.mark.parametrize("raising", [True, False])
def test_a_view_that_crashes_on_bad_input_is_reported_not_raised(raising):
    # The echo view decodes the body with json.loads, so broken JSON makes it crash.
    client = Client(raise_request_exception=raising)
    with pytest.raises(AssertionError) as failed:
        assert_no_server_error(client, reverse("echo"), methods=("post",), json=False)

    assert "POST broken json: 500" in str(failed.value)
    assert "POST a list" not in str(failed.value)


def test_an_answer_that_is_not_json_is_reported(client):
    with pytest.raises(AssertionError, match=r"POST empty: 200 text/html"):
        assert_no_server_error(client, reverse("page"), methods=("post",))


def test_each_named_field_gets_every_bad_value():
    names = [name for name, _, _ in hostile_requests(fields=("rating", "body"))]

    assert len(names) == len(set(names))
    assert {f"rating: {value}" for value in FIELD_VALUES} <= set(names)
    assert {f"body: {value}" for value in FIELD_VALUES} <= set(names)
    assert set(BODIES) <= set(names)
