import os
import sys

from django.core.asgi import get_asgi_application

from config.refusals import Refused

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

try:
    application = get_asgi_application()
except Refused as refusal:
    # One line, not the traceback of Django's start-up around it, and the server stops.
    sys.exit(f"Refused to start: {refusal}")
