"""The API's schema as a browsable page (Swagger UI), where ``API_DOCS`` is on: local
settings turn it on, the others leave it off."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI's set-up script is served from this URL too (``?script``), not inline:
    the Content-Security-Policy allows no inline script."""

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.API_DOCS:
            raise Http404
        response: HttpResponse = super().get(request, *args, **kwargs)
        return response
