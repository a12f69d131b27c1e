from .views import health

HEALTH_PATH = "/health/"


class HealthCheckMiddleware:
    """Answers ``/health/`` before anything reads the ``Host`` header.

    Load balancers and orchestrators probe a service by its address (a pod IP), which is
    not in ``ALLOWED_HOSTS``; listed first in ``MIDDLEWARE``, this answers them before
    host validation and the HTTPS redirect would refuse them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health(request)
        return self.get_response(request)
