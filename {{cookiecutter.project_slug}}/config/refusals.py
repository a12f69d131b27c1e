"""A setting that production refuses to start with (config/settings/production.py): its
message is one line naming the setting and the fix, and the entry points (manage.py,
config/asgi.py, config/wsgi.py) print that line alone, not the traceback of Django's
start-up around it."""

from django.core.exceptions import ImproperlyConfigured


class Refused(ImproperlyConfigured):
    pass
