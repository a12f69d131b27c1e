"""Every answer names its request (and so does every production log line about it:
config/tests/test_settings.py)."""

import logging

from django.test import Client

from {{ cookiecutter.project_slug }}.core.logs import REQUEST_ID_HEADER, RequestIdFilter

# Any page will do: the middleware is first, before any view, and this one is a 404.
PAGE = "/no-such-page/"


def answered_id(sent=None):
    headers = {REQUEST_ID_HEADER: sent} if sent is not None else {}
    return Client(headers=headers).get(PAGE)[REQUEST_ID_HEADER]


def test_an_answer_carries_its_request_s_id():
    first, second = answered_id(), answered_id()

    assert len(first) == 32
    assert first != second


def test_django_s_log_line_about_an_error_answer_names_its_request(caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        answer = Client().get(PAGE)

    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert "Not Found" in record.getMessage()
    RequestIdFilter().filter(record)
    assert record.request_id == answer[REQUEST_ID_HEADER]


def test_the_proxy_s_request_id_is_kept_and_a_strange_one_replaced():
    assert answered_id("lb-7f3a.42") == "lb-7f3a.42"
    for strange in ("two\nlines", "x" * 65, "<script>", ""):
        assert len(answered_id(strange)) == 32
