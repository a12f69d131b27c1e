"""The shape of every middleware of the project: sync and async capable, as Django's docs
show, so that under ASGI an async view runs on the event loop with no thread between it
and the server, and under WSGI (or the test client) nothing changes."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction


class SyncAndAsyncMiddleware:
    """The documented shape of a middleware that runs either way: ``__call__`` in a sync
    stack, the coroutine ``__acall__`` in an async one."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        return self.call(request)

    def call(self, request):
        raise NotImplementedError

    async def __acall__(self, request):
        raise NotImplementedError
