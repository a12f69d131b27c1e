"""Every middleware of the project serves an async stack as it is (Django adapts a
sync-only one with a thread hop per request), so that under ASGI an async view runs on
the event loop."""

import logging

import pytest
from asgiref.sync import async_to_sync
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpResponse

from {{ cookiecutter.project_slug }}.core.middleware import StaticFilesMiddleware

# The production stack adds these to the settings' MIDDLEWARE.
PRODUCTION = [
    "{{ cookiecutter.project_slug }}.core.middleware.StaticFilesMiddleware",
    "{{ cookiecutter.project_slug }}.core.timeouts.RequestTimeoutMiddleware",
]


class SyncOnlyMiddleware:
    sync_capable, async_capable = True, False

    def __init__(self, get_response):
        self.get_response = get_response


@pytest.fixture(autouse=True)
def collected_static_files(settings, tmp_path):
    """A STATIC_ROOT that exists, as `collectstatic` leaves it for WhiteNoise."""
    settings.STATIC_ROOT = tmp_path


def adapted(settings, caplog, middleware):
    """What Django says it adapted, building the ASGI stack of ``middleware``."""
    settings.DEBUG = True  # Django names each adaptation then
    settings.MIDDLEWARE = middleware
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        ASGIHandler()
    return [record.getMessage() for record in caplog.records if "adapted" in record.getMessage()]


def test_the_async_stack_has_no_thread_hop_between_server_and_view(settings, caplog):
    assert adapted(settings, caplog, [*settings.MIDDLEWARE, *PRODUCTION]) == []


def test_a_sync_only_middleware_would_be_seen(settings, caplog):
    middleware = [*settings.MIDDLEWARE, f"{__name__}.SyncOnlyMiddleware"]

    assert adapted(settings, caplog, middleware)


@pytest.mark.django_db  # closing an answer closes the request's database connections
def test_static_files_are_served_in_either_stack(settings, rf):
    settings.WHITENOISE_USE_FINDERS = True  # the admin's files, not yet collected

    async def async_view(request):
        return HttpResponse("the view")

    for middleware, call in [
        (StaticFilesMiddleware(lambda request: HttpResponse("the view")), lambda m, r: m(r)),
        (StaticFilesMiddleware(async_view), lambda m, r: async_to_sync(m)(r)),
    ]:
        static = call(middleware, rf.get("/static/admin/css/base.css"))
        static.close()  # the file WhiteNoise opened
        assert static.status_code == 200
        assert static["Content-Type"].startswith("text/css")
        assert call(middleware, rf.get("/admin/css/base.css")).content == b"the view"
