"""pytest-playwright's fixtures, as the browser journeys here need them."""

import os

import pytest


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's, with Django's ORM allowed in the tests' thread from now on:
    Playwright's sync API keeps an event loop open there, which Django takes for async code."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield playwright
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_type):
    """The browser the journeys drive: BROWSER_EXECUTABLE when set (a Chromium or Chrome on
    the machine, such as Debian's /usr/bin/chromium), else the one Playwright installed."""
    executable = os.environ.get("BROWSER_EXECUTABLE") or browser_type.executable_path
    if not os.path.isfile(executable):
        pytest.fail(
            f"No browser at {executable}: run `uv run playwright install chromium` once, or "
            "set BROWSER_EXECUTABLE to a Chromium (`-m 'not browser'` leaves these tests out).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": executable}


@pytest.fixture
def page(page):
    """pytest-playwright's page, waiting 10 s at most for anything: a stuck journey fails
    soon, and `--tracing=retain-on-failure` keeps a trace of it."""
    page.set_default_timeout(10_000)
    return page
