import threading
import time

import pytest
from asgiref.sync import async_to_sync
from django.db import OperationalError
from django.test import AsyncClient
from django.urls import reverse

from {{ cookiecutter.project_slug }}.testing import assert_no_server_error, assert_response


@pytest.mark.django_db
def test_health_answers_ok_after_a_database_round_trip(client):
    response = client.get(reverse("health"))

    assert assert_response(response, 200) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_503_naming_no_internals_when_the_database_fails(client, mocker, caplog):
    # Patched where the view looks it up (core.views), not where it is defined: the test's
    # own database connection is untouched.
    down = mocker.patch("{{ cookiecutter.project_slug }}.core.views.connection")
    down.cursor.side_effect = OperationalError("connection to server at 10.0.0.5 refused")

    response = client.get(reverse("health"))

    assert assert_response(response, 503) == {"status": "unavailable"}
    assert "no-cache" in response["Cache-Control"]
    down.cursor.assert_called_once_with()
    assert "10.0.0.5" in caplog.text  # the log says what failed; the answer does not


@pytest.mark.django_db
def test_health_is_503_within_its_bound_when_the_database_does_not_answer(mocker, settings):
    settings.DATABASE_CONNECT_TIMEOUT = 1
    silent = threading.Event()

    def no_answer():
        silent.wait(timeout=10)
        raise OperationalError("the server stopped answering")

    down = mocker.patch("{{ cookiecutter.project_slug }}.core.views.connection")
    down.cursor.side_effect = no_answer

    started = time.monotonic()
    try:
        # Through the ASGI handler, as the service is served: the probe waits on the
        # event loop, not in a thread.
        response = async_to_sync(AsyncClient().get)(reverse("health"))
    finally:
        silent.set()

    assert assert_response(response, 503) == {"status": "unavailable"}
    assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_health_answers_a_probe_whatever_its_host(client):
    # An orchestrator probes by the pod's address, which ALLOWED_HOSTS does not list.
    response = client.get(reverse("health"), headers={"host": "10.1.2.3:8000"})

    assert_response(response, 200)


def test_health_only_answers_safe_methods(client):
    assert client.post(reverse("health")).status_code == 405
    assert_no_server_error(client, reverse("health"), json=False)
