"""Settings for working on the project on your own machine (the default for manage.py)."""

import django

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
{%- if cookiecutter.use_drf %}
# The API's schema as a browsable page, at /api/docs/.
API_DOCS = env.bool("API_DOCS", default=True)
{%- endif %}

# Mail is printed to the console (Django 6.1 names backends in MAILERS).
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
