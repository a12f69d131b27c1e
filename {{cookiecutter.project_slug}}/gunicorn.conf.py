"""The app server's settings: `gunicorn config.wsgi` reads this file from this folder.

Each comes from the environment, with a default for a small container.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Processes, each with threads that share its database connections.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker that stops answering its heartbeat for this long is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Workers are recycled now and then, so a slow leak never grows unbounded.
max_requests = 1000
max_requests_jitter = 100
# Access and error logs on standard output and error, for the platform to collect.
accesslog = "-"
