"""The REST API, under the URL namespace ``api`` (``reverse("api:current-user")``)."""

from django.urls import {% if cookiecutter.example_app %}include, {% endif %}path, re_path
from drf_spectacular.views import SpectacularAPIView

from {{ cookiecutter.project_slug }}.core.api import no_such_endpoint
from {{ cookiecutter.project_slug }}.core.docs import ApiDocsView
from {{ cookiecutter.project_slug }}.users.api import CurrentUserView

app_name = "api"

urlpatterns = [
    # The OpenAPI schema (openapi.yaml is its committed copy), and a page to browse it.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("users/me/", CurrentUserView.as_view(), name="current-user"),
{%- if cookiecutter.example_app %}
    path("", include("{{ cookiecutter.project_slug }}.reviews.urls")),
{%- endif %}
    # Last: any other URL under /api/ is a JSON 404, with DEBUG on too (whose 404 is a page).
    re_path(r"", no_such_endpoint),
]
