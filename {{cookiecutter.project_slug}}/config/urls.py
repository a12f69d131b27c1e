from django.contrib import admin
from django.urls import {% if cookiecutter.use_drf %}include, {% endif %}path

from {{ cookiecutter.project_slug }}.core.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
{%- if cookiecutter.use_drf %}
    path("api/", include("config.api_urls")),
{%- endif %}
]
{%- if cookiecutter.use_drf %}

# Django's error pages, answered as JSON under /api/ (an unknown URL, a crash …).
handler400 = "{{ cookiecutter.project_slug }}.core.api.bad_request"
handler403 = "{{ cookiecutter.project_slug }}.core.api.permission_denied"
handler404 = "{{ cookiecutter.project_slug }}.core.api.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.core.api.server_error"
{%- endif %}
