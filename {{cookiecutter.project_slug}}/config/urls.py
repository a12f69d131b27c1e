from django.contrib import admin
from django.urls import {% if cookiecutter.use_drf %}include, path, re_path{% else %}path{% endif %}

{% if cookiecutter.use_drf -%}
from {{ cookiecutter.project_slug }}.core.api import no_such_endpoint
{% endif -%}
from {{ cookiecutter.project_slug }}.core.signins import SignInForm
from {{ cookiecutter.project_slug }}.core.views import health

# The admin's sign-in page says when too many attempts were made (core/signins.py).
admin.site.login_form = SignInForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
{%- if cookiecutter.use_drf %}
    path("api/", include("config.api_urls")),
    # Any other URL under /api/ is a JSON 404, with DEBUG on too (whose 404 is a page).
    re_path(r"^api/", no_such_endpoint),
{%- endif %}
]
{%- if cookiecutter.use_drf %}

# Django's error pages, answered as JSON under /api/ (an unknown URL, a crash …).
handler400 = "{{ cookiecutter.project_slug }}.core.api.bad_request"
handler403 = "{{ cookiecutter.project_slug }}.core.api.permission_denied"
handler404 = "{{ cookiecutter.project_slug }}.core.api.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.core.api.server_error"
{%- endif %}
