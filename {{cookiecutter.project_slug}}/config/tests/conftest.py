"""The production deploys of test_e2e_production.py are processes of their own, each a
Django start-up; waiting for them held a run up for about a second. A run that holds their
tests starts them as soon as it is collected, at a lower priority, so they work on the
second core while the other tests run."""

import shutil
import tempfile
from pathlib import Path

import pytest

DEPLOYS = Path(__file__).with_name("test_e2e_production.py")
EARLY = pytest.StashKey[dict]()


def pytest_collection_finish(session):
    config = session.config
    if config.option.collectonly or hasattr(config, "workerinput"):
        # Nothing runs; or, on one of several workers, another may get those tests: they
        # start when they are asked for.
        return
    module = next((item.module for item in session.items if item.path == DEPLOYS), None)
    if module is None:
        return
    folder = Path(tempfile.mkdtemp(prefix="deployed-"))
    config.stash[EARLY] = {"folder": folder, "runs": module.start_deploys(folder)}


def pytest_sessionfinish(session):
    early = session.config.stash.get(EARLY, None)
    if early is None:
        return
    for process in early["runs"].values():
        if process.returncode is None:  # the run stopped before their tests
            process.kill()
            process.communicate()
    shutil.rmtree(early["folder"], ignore_errors=True)


@pytest.fixture(scope="module")
def started_early(request):
    """The deploys this run started when it was collected; None if it did not."""
    early = request.config.stash.get(EARLY, None)
    return early and early["runs"]
