import pytest
from django.db import OperationalError, connection
from django.urls import reverse


@pytest.mark.django_db
def test_health_answers_ok_after_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_health_is_503_with_a_reason_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "unavailable",
        "reason": "database unreachable (OperationalError)",
    }


def test_health_only_answers_safe_methods(client):
    assert client.post(reverse("health")).status_code == 405
