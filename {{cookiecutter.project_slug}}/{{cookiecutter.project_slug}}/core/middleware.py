from django.conf import settings

from .views import health

HEALTH_PATH = "/health/"


class HealthCheckMiddleware:
    """Answers ``/health/`` before anything reads the ``Host`` header.

    Load balancers and orchestrators probe a service by its address (a pod IP), which is
    not in ``ALLOWED_HOSTS``; listed right after ``SecurityMiddleware`` (whose HTTPS
    redirect exempts ``/health/``), this answers them before host validation would
    refuse them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health(request)
        return self.get_response(request)


class CSPMiddleware:
    """``settings.SECURE_CSP`` as a Content-Security-Policy header, for Django 5.2: from
    6.0 on, Django's own middleware sends it (base.py picks one)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            " ".join([directive, *sources]) for directive, sources in settings.SECURE_CSP.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
