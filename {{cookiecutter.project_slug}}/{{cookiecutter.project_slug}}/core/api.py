"""What keeps every answer under ``/api/`` a JSON one.

- ``exception_handler``: DRF's; besides, Django's ``ValidationError`` (raised by a
  model's ``full_clean()`` in a service) answers 400 like a serializer's, and a body
  over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413.
- ``no_such_endpoint``: any URL under ``/api/`` that no route matches, DEBUG or not
  (``config/urls.py`` routes it after the API).
- ``bad_request`` … ``server_error``: Django's error pages, as JSON under ``/api/``
  (a suspicious request, a crash); ``config/urls.py`` installs them.

Bodies are parsed by ``parsers.JSONParser``, which bounds their depth.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def exception_handler(exc, context):
    """DRF's handler, answering two more of Django's exceptions as JSON 4xx, and every
    error in JSON (or the browsable API's page), even from a view that renders its
    answers otherwise, such as the schema's YAML."""
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    kept = isinstance(renderer, BrowsableAPIRenderer) or (
        getattr(renderer, "media_type", None) == JSONRenderer.media_type
    )
    if response is not None and request is not None and not kept:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


@csrf_exempt  # a 404 whatever the method, never CSRF's HTML 403
def no_such_endpoint(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)


def json_under_api(default_view, status_code, detail):
    """Django's error view ``default_view``, answering ``{"detail": …}`` under /api/."""

    def view(request, *args, **kwargs):
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": detail}, status=status_code)
        return default_view(request, *args, **kwargs)

    return view


bad_request = json_under_api(defaults.bad_request, 400, "Bad request.")
permission_denied = json_under_api(defaults.permission_denied, 403, "Permission denied.")
page_not_found = json_under_api(defaults.page_not_found, 404, "Not found.")
server_error = json_under_api(defaults.server_error, 500, "Server error.")
