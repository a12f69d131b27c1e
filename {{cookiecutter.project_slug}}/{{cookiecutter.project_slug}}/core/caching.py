"""An API answer to a client that sent credentials (a token, or the admin's session) is
that client's alone: ``Cache-Control: private, no-store`` keeps it out of every cache
between, and out of the browser's own."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from .api import API_PREFIX
from .sync_and_async import SyncAndAsyncMiddleware


class PrivateApiAnswers(SyncAndAsyncMiddleware):
    def call(self, request):
        return self.private(request, self.get_response(request))

    async def __acall__(self, request):
        return self.private(request, await self.get_response(request))

    @staticmethod
    def private(request, response):
        if request.path.startswith(API_PREFIX) and (
            "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
