"""Logs that stay readable in an outage: every line names its request, and a traceback
is written once per kind of failure, not once per request.

- ``RequestIdMiddleware`` gives each request an id: the ``X-Request-ID`` a proxy in front
  sent (when it looks like one), or a new one; the answer carries it back.
- ``RequestIdFilter`` puts it on every log record as ``%(request_id)s``, the record that
  Django writes about a 4xx or 5xx answer too, after the middleware has returned.
- ``FirstTracebackFilter`` lets a traceback through the first time its failure is seen
  (the exception's type and where it was raised) in this process; afterwards the record
  is one line, which says so.

Production's LOGGING (config/settings/production.py) installs both filters.
"""

import copy
import logging
import re
import uuid
from contextvars import ContextVar

from .sync_and_async import SyncAndAsyncMiddleware

REQUEST_ID_HEADER = "X-Request-ID"
# What an id from outside may look like: anything else is replaced, not logged.
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdMiddleware(SyncAndAsyncMiddleware):
    def call(self, request):
        token = request_id.set(self.id_of(request))
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id.get()
            return response
        finally:
            request_id.reset(token)

    async def __acall__(self, request):
        token = request_id.set(self.id_of(request))
        try:
            response = await self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id.get()
            return response
        finally:
            request_id.reset(token)

    @staticmethod
    def id_of(request):
        """The request's id, kept on it too for the log line Django writes about its answer
        once every middleware has returned."""
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = given if SAFE_ID.fullmatch(given) else uuid.uuid4().hex
        return request.id


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        # Django logs an answer of 400 or more once every middleware has returned, with
        # the request on the record.
        record.request_id = getattr(getattr(record, "request", None), "id", request_id.get())
        return True


class FirstTracebackFilter(logging.Filter):
    """Keeps the traceback of the first record of each kind of failure (at most
    ``MAX_KINDS`` kinds remembered); a later one of the same kind reaches the handler as a
    copy without its traceback that says so on its line."""

    MAX_KINDS = 1000

    def __init__(self, name=""):
        super().__init__(name)
        self.seen = set()

    def filter(self, record):
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = record.exc_info[1]
        frames = error.__traceback__
        while frames is not None and frames.tb_next is not None:
            frames = frames.tb_next
        where = (frames.tb_frame.f_code.co_filename, frames.tb_lineno) if frames else None
        kind = (type(error).__qualname__, where)
        if kind in self.seen:
            # A changed copy, for this handler alone: another (mail to the admins) keeps
            # the traceback.
            said = " ".join(f"{type(error).__name__}: {error}".split())
            shortened = copy.copy(record)
            shortened.msg = f"{record.getMessage()} ({said}; its traceback was logged before)"
            shortened.args = ()
            shortened.exc_info = None
            shortened.exc_text = None
            return shortened
        if len(self.seen) < self.MAX_KINDS:
            self.seen.add(kind)
        return True
