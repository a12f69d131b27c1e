import pytest
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

from {{ cookiecutter.project_slug }}.testing import assert_response


def test_a_matching_json_response_passes_and_gives_back_the_payload():
    assert assert_response(JsonResponse({"id": 7}), 200) == {"id": 7}


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (HttpResponse("<p>hi</p>", content_type="text/html; charset=utf-8"), "html"),
        (HttpResponse("hi", content_type="text/plain"), "plain"),
        (HttpResponse(b"%PDF-1.7", content_type="application/pdf"), "binary"),
        (HttpResponse(b"\x00\x01", content_type="application/octet-stream"), "binary"),
        (HttpResponse("{}", content_type="application/problem+json"), "json"),
    ],
)
def test_each_kind_accepts_its_content_types(response, kind):
    assert assert_response(response, 200, kind) is not None


def test_kind_none_checks_the_status_only():
    response = HttpResponse(status=204)
    del response["Content-Type"]

    assert assert_response(response, 204, kind=None) is response


def test_a_wrong_status_names_both_statuses_and_the_body_only():
    response = JsonResponse({"detail": "Not found."}, status=404)

    with pytest.raises(AssertionError) as failure:
        assert_response(response, 200)

    message = str(failure.value)
    assert "expected status 200, got 404" in message
    assert "Not found." in message
    assert "Content-Type" not in message  # the type was right: it is not mentioned


def test_a_wrong_content_type_fails_even_with_the_right_status():
    with pytest.raises(AssertionError) as failure:
        assert_response(HttpResponse("<p>oops</p>"), 200, kind="json")

    message = str(failure.value)
    assert "expected a json body, got Content-Type 'text/html; charset=utf-8'" in message
    assert "status" not in message


def test_both_wrong_names_both():
    with pytest.raises(AssertionError, match=r"got 500; expected a json body, got Content-Type"):
        assert_response(HttpResponse("<p>oops</p>", status=500), 200)


def test_json_is_not_binary():
    with pytest.raises(AssertionError):
        assert_response(JsonResponse({}), 200, kind="binary")


def test_a_long_body_is_cut_and_a_streaming_one_is_not_read():
    long_body = HttpResponse("x" * 5000, content_type="text/plain", status=500)
    with pytest.raises(AssertionError) as failure:
        assert_response(long_body, 200, kind="plain")
    assert len(str(failure.value)) < 1000

    stream = StreamingHttpResponse(iter([b"chunk"]), content_type="text/plain", status=500)
    with pytest.raises(AssertionError, match="streaming"):
        assert_response(stream, 200, kind="plain")


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        assert_response(JsonResponse({}), 200, kind="xml")
