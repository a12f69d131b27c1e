"""The REST API, under the URL namespace ``api`` (``reverse("api:current-user")``)."""

from django.urls import {% if cookiecutter.example_app %}include, {% endif %}path

from {{ cookiecutter.project_slug }}.users.api import CurrentUserView

app_name = "api"

urlpatterns = [
    path("users/me/", CurrentUserView.as_view(), name="current-user"),
{%- if cookiecutter.example_app %}
    path("", include("{{ cookiecutter.project_slug }}.reviews.urls")),
{%- endif %}
]
