from asgiref.sync import async_to_sync
from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

from .sync_and_async import SyncAndAsyncMiddleware
from .views import health

HEALTH_PATH = "/health/"


class HealthCheckMiddleware(SyncAndAsyncMiddleware):
    """Answers ``/health/`` before anything reads the ``Host`` header.

    Load balancers and orchestrators probe a service by its address (a pod IP), which is
    not in ``ALLOWED_HOSTS``; listed right after ``SecurityMiddleware`` (whose HTTPS
    redirect exempts ``/health/``), this answers them before host validation would
    refuse them. Under ASGI the check is awaited on the event loop, so a probe is answered
    in time however many requests wait on the database.
    """

    def call(self, request):
        if request.path_info == HEALTH_PATH:
            return async_to_sync(health)(request)
        return self.get_response(request)

    async def __acall__(self, request):
        if request.path_info == HEALTH_PATH:
            return await health(request)
        return await self.get_response(request)


class CSPMiddleware(SyncAndAsyncMiddleware):
    """``settings.SECURE_CSP`` as a Content-Security-Policy header, for Django 5.2: from
    6.0 on, Django's own middleware sends it (base.py picks one)."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.policy = "; ".join(
            " ".join([directive, *sources]) for directive, sources in settings.SECURE_CSP.items()
        )

    def call(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response

    async def __acall__(self, request):
        response = await self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class StaticFilesMiddleware(SyncAndAsyncMiddleware):
    """WhiteNoise's middleware (production settings), which is sync only, in a stack that
    may be async: it answers a static file, or hands the request on.

    WhiteNoise looks a file up in memory and opens it, which costs the event loop no wait
    worth a thread; it is given a ``get_response`` that answers nothing, so ``None`` from
    it means "not a static file".
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.whitenoise = WhiteNoiseMiddleware(lambda request: None)

    def call(self, request):
        response = self.whitenoise(request)
        return self.get_response(request) if response is None else response

    async def __acall__(self, request):
        response = self.whitenoise(request)
        return await self.get_response(request) if response is None else response
