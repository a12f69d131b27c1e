import pytest
from django.db.models.signals import post_save, pre_save
from django.test import TestCase

from {{ cookiecutter.project_slug }}.testing import UserFactory, mute_signals
from {{ cookiecutter.project_slug }}.users.models import User


class Ear:
    """Receivers for the user model's save signals that note what they hear."""

    def __init__(self):
        self.heard = []

    def pre_save(self, sender, **kwargs):
        self.heard.append("pre_save")

    def post_save(self, sender, **kwargs):
        self.heard.append("post_save")

    def connect(self):
        pre_save.connect(self.pre_save, sender=User)
        post_save.connect(self.post_save, sender=User)

    def disconnect(self):
        pre_save.disconnect(self.pre_save, sender=User)
        post_save.disconnect(self.post_save, sender=User)


@pytest.fixture
def ear():
    listening = Ear()
    listening.connect()
    yield listening
    listening.disconnect()


def test_the_receivers_hear_a_save_when_nothing_is_muted(db, ear):
    UserFactory()

    assert ear.heard == ["pre_save", "post_save"]


def test_as_a_context_manager_it_mutes_every_model_signal(db, ear):
    with mute_signals():
        UserFactory()

    assert ear.heard == []


def test_it_mutes_only_the_signals_it_is_given(db, ear):
    with mute_signals(post_save):
        UserFactory()

    assert ear.heard == ["pre_save"]


def test_kept_receivers_still_hear(db, ear):
    with mute_signals(keep=[ear.post_save]):
        UserFactory()

    assert ear.heard == ["post_save"]


def test_receivers_come_back_even_when_the_block_raises(db, ear):
    with pytest.raises(RuntimeError), mute_signals():
        raise RuntimeError("boom")

    UserFactory()
    assert ear.heard == ["pre_save", "post_save"]


def test_nested_mutes_restore_in_order(db, ear):
    with mute_signals(post_save):
        with mute_signals():
            UserFactory()
        UserFactory()
    UserFactory()

    assert ear.heard == ["pre_save", "pre_save", "post_save"]


def test_as_a_decorator_it_mutes_for_the_call_only(db, ear):
    @mute_signals(pre_save)
    def save_a_user():
        UserFactory()

    save_a_user()
    UserFactory()

    assert ear.heard == ["post_save", "pre_save", "post_save"]


def test_keeping_a_receiver_no_muted_signal_has_is_an_error(db, ear):
    with (
        pytest.raises(ValueError, match="keep names"),
        mute_signals(pre_save, keep=[ear.post_save]),
    ):
        UserFactory()


@pytest.fixture(scope="module")
def app_ear():
    """Connected before any fixture of a test, as an app's receivers are."""
    listening = Ear()
    listening.connect()
    yield listening
    listening.disconnect()


@pytest.fixture
def heard(app_ear):
    app_ear.heard.clear()
    return app_ear.heard


@pytest.mark.mute_signals(post_save)
def test_the_marker_mutes_the_test_s_fixtures_too(heard, user):
    assert heard == ["pre_save"]  # the user fixture saved with post_save muted


@pytest.mark.mute_signals(keep=[])
def test_the_marker_with_no_signals_mutes_every_model_signal(heard, user):
    UserFactory()

    assert heard == []


@mute_signals(post_save)
def test_the_decorator_covers_the_body_but_not_the_fixtures(heard, user):
    UserFactory()

    assert heard == ["pre_save", "post_save", "pre_save"]


@mute_signals(post_save)
class TestAWholePytestClassIsMuted:
    def test_post_save_is_silent_in_every_test(self, db, ear):
        UserFactory()

        assert ear.heard == ["pre_save"]


# Connected for the whole run, as an app's receivers are; only the class below reads it.
CLASS_EAR = Ear()
CLASS_EAR.connect()


@mute_signals()
class TestAWholeDjangoTestCaseIsMuted(TestCase):
    @classmethod
    def setUpTestData(cls):
        CLASS_EAR.heard.clear()
        cls.user = UserFactory()

    def test_set_up_test_data_and_the_test_ran_muted(self):
        UserFactory()

        assert CLASS_EAR.heard == []
