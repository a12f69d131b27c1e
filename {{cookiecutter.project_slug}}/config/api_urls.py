"""The REST API, under the URL namespace ``api`` (``reverse("api:current-user")``)."""

from django.urls import path

from {{ cookiecutter.project_slug }}.users.api import CurrentUserView

app_name = "api"

urlpatterns = [
    path("users/me/", CurrentUserView.as_view(), name="current-user"),
]
