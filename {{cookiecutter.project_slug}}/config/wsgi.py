import os

from django.core.wsgi import get_wsgi_application
from gunicorn.errors import AppImportError

from config.refusals import Refused

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

try:
    application = get_wsgi_application()
except Refused as refusal:
    # gunicorn prints an application's load error as one line and stops, rather than
    # starting worker after worker.
    raise AppImportError(f"Refused to start: {refusal}") from None
