"""The REST API, under the URL namespace ``api`` (``reverse("api:current-user")``)."""

from django.urls import {% if cookiecutter.example_app %}include, {% endif %}path
from drf_spectacular.views import SpectacularAPIView

from {{ cookiecutter.project_slug }}.core.docs import ApiDocsView, ApiRootView
from {{ cookiecutter.project_slug }}.users.api import CurrentUserView, TokenView

app_name = "api"

urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    # The OpenAPI schema (openapi.yaml is its committed copy), and a page to browse it.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("users/me/", CurrentUserView.as_view(), name="current-user"),
    path("auth/token/", TokenView.as_view(), name="token"),
{%- if cookiecutter.example_app %}
    path("", include("{{ cookiecutter.project_slug }}.reviews.urls")),
{%- endif %}
]
