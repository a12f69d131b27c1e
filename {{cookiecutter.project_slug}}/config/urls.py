from django.contrib import admin
from django.urls import {% if cookiecutter.use_drf == "y" %}include, {% endif %}path

from {{ cookiecutter.project_slug }}.core.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
{%- if cookiecutter.use_drf == "y" %}
    path("api/", include("config.api_urls")),
{%- endif %}
]
