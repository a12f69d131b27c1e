"""A query-count guard for async code, which Django's (``assertNumQueries``, pytest-django's
``django_assert_num_queries``) cannot be: they open the connection of the thread they are
entered on, and in an async test that is the event loop's, where Django refuses."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgiref.sync import sync_to_async
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext


@asynccontextmanager
async def assert_num_queries(
    expected: int, using: str = DEFAULT_DB_ALIAS
) -> AsyncIterator[CaptureQueriesContext]:
    """``async with assert_num_queries(2): ...``: the block runs exactly ``expected``
    queries on ``using``. They are counted on the connection the async ORM's calls use
    (``sync_to_async``'s thread), the test's own."""
    __tracebackhide__ = True

    def capture() -> CaptureQueriesContext:
        context = CaptureQueriesContext(connections[using])
        context.__enter__()
        return context

    context = await sync_to_async(capture)()
    try:
        yield context
    finally:
        await sync_to_async(context.__exit__)(None, None, None)
    run = [query["sql"] for query in context.captured_queries]
    if len(run) != expected:
        listed = "".join(f"\n{number}. {sql}" for number, sql in enumerate(run, 1))
        raise AssertionError(f"{expected} queries expected, {len(run)} run:{listed}")
