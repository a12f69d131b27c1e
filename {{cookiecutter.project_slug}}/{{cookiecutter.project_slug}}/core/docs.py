"""The API's door: ``GET /api/`` says where its schema, docs page and token endpoint are;
the schema as a browsable page (Swagger UI), where ``API_DOCS`` is on: local settings turn
it on, the others leave it off."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootView(APIView):
    """Links to what a newcomer to the API looks for first, open to anyone."""

    permission_classes = (AllowAny,)

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        names = ("schema", "docs", "token") if settings.API_DOCS else ("schema", "token")
        return Response({name: reverse(f"api:{name}", request=request) for name in names})


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI's set-up script is served from this URL too (``?script``), not inline:
    the Content-Security-Policy allows no inline script."""

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.API_DOCS:
            raise Http404
        response: HttpResponse = super().get(request, *args, **kwargs)
        return response
