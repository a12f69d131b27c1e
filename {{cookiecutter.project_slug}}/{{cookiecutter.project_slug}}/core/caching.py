"""An API answer to a client that sent credentials (a token, or the admin's session) is
that client's alone: ``Cache-Control: private, no-store`` keeps it out of every cache
between, and out of the browser's own."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from .api import API_PREFIX


class PrivateApiAnswers:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and (
            "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
