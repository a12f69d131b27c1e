"""The root conftest's promises: memory emptied between tests, temporary media on request,
and every test marked with its layer."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import SimpleTestCase, TestCase

from config.testrun import forget_memory


def test_every_test_ends_by_forgetting_the_memory(request):
    assert "_forget_memory" in request.fixturenames


def test_forgetting_empties_the_cache_and_the_stored_files():
    cache.set("greeting", "hello")
    default_storage.save("notes/today.txt", ContentFile(b"hello"))

    forget_memory()

    assert cache.get("greeting") is None
    assert not default_storage.exists("notes/today.txt")


def test_uploads_go_to_a_temporary_folder_when_asked(media_root, tmp_path):
    stored = FileSystemStorage().save("avatar.txt", ContentFile(b"hello"))

    assert Path(settings.MEDIA_ROOT) == media_root == tmp_path / "media"
    assert (media_root / stored).read_bytes() == b"hello"
    assert not (Path(settings.BASE_DIR) / "media" / stored).exists()


def test_a_test_without_the_database_is_a_unit_test(request):
    assert request.node.get_closest_marker("unit")
    assert not request.node.get_closest_marker("integration")


def test_a_test_with_the_database_is_an_integration_test(request, db):
    assert request.node.get_closest_marker("integration")
    assert not request.node.get_closest_marker("unit")


def test_a_fixture_that_needs_the_database_makes_it_integration(request, user):
    assert request.node.get_closest_marker("integration")


@pytest.mark.e2e
def test_a_marker_given_by_hand_is_kept(request, db):
    assert request.node.get_closest_marker("e2e")
    assert not request.node.get_closest_marker("integration")


class KeepsItsItem:
    """unittest-style tests take no fixtures as arguments, but autouse ones still run."""

    @pytest.fixture(autouse=True)
    def _keep_item(self, request):
        self.item = request.node


class TestADjangoTestCaseIsIntegration(KeepsItsItem, TestCase):
    def test_marked(self):
        assert self.item.get_closest_marker("integration")


class TestASimpleTestCaseIsUnit(KeepsItsItem, SimpleTestCase):
    def test_marked(self):
        assert self.item.get_closest_marker("unit")
