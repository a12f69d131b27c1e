"""Settings for working on the project on your own machine (the default for manage.py)."""

import django

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
{%- if cookiecutter.use_drf %}
# The API's schema as a browsable page, at /api/docs/, with Swagger UI's own files.
API_DOCS = env.bool("API_DOCS", default=True)
INSTALLED_APPS = [*INSTALLED_APPS, "drf_spectacular_sidecar"]
SPECTACULAR_SETTINGS = {**SPECTACULAR_SETTINGS, **SWAGGER_UI_FROM_SIDECAR}
{%- endif %}

# Mail is printed to the console (Django 6.1 names backends in MAILERS).
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
