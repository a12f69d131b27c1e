"""The app server's settings: `gunicorn config.wsgi` reads this file from this folder.

Each comes from the environment, with a default for a small container.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Processes, each with threads that share its database connections. Chosen with the
# template's load run (tests/load.py, 2 cores): four single-threaded workers answered a
# little faster than two of four threads, but in twice the processes, and a worker whose
# one thread waits (on a slow database, until REQUEST_TIMEOUT) answers nothing else
# meanwhile, health probes included; eight threads a worker answered fewer, and slower.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker that stops answering its heartbeat for this long is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Recycling a worker after GUNICORN_MAX_REQUESTS requests (with up to half as many again,
# so that workers do not restart together) bounds a slow memory leak. Off unless set: in
# the same load run, recycling every thousand requests cost much of the throughput and
# slowed the slowest answers, as each new worker starts cold.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2
# Access and error logs on standard output and error, for the platform to collect.
accesslog = "-"
