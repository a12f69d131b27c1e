"""The root conftest's promises: an empty cache for every test, models without a
migration found, and every test marked with its layer."""

import pytest
from django.core.cache import cache
from django.db import models
from django.test import SimpleTestCase, TestCase

import conftest
from {{ cookiecutter.project_slug }}.testing import temporary_model


@pytest.mark.parametrize("turn", [1, 2])
def test_every_test_starts_with_an_empty_cache(turn):
    # Whichever of the two runs second finds nothing the first left.
    assert cache.get("left_by_a_test") is None
    cache.set("left_by_a_test", turn)


def test_the_migrations_match_the_models():
    assert conftest.pending_migrations() == {}


def test_a_model_without_a_migration_is_found(transactional_db):
    # Django's autodetector, which `makemigrations` runs: this fails if it moves.
    with temporary_model(fields={"name": models.CharField(max_length=30)}, name="Nickname"):
        assert conftest.pending_migrations() == {"core": ["Create model Nickname"]}


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
