import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from {{ cookiecutter.project_slug }}.testing import UserFactory, temporary_model


class Stamped(models.Model):
    """An abstract model with behaviour of its own, as a project's base models have."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def is_recent(self):
        return (timezone.now() - self.created_at).days < 1


class Titled:
    """A plain mixin."""

    def shout(self):
        return self.title.upper()


@pytest.mark.django_db(transaction=True)
def test_an_abstract_model_and_a_mixin_run_against_a_real_table():
    title = models.CharField(max_length=20)

    with temporary_model(Stamped, Titled, fields={"title": title}) as Note:
        note = Note.objects.create(title="hello")
        table = Note._meta.db_table

        assert Note.objects.get(pk=note.pk).is_recent()
        assert note.shout() == "HELLO"
        assert table in connection.introspection.table_names()

    assert table not in connection.introspection.table_names()
    assert not apps.all_models["core"]


@pytest.mark.django_db(transaction=True)
def test_a_plain_mixin_gets_a_model_base_and_the_name_can_be_used_again():
    for title in ("first", "second"):
        fields = {"title": models.CharField(max_length=20)}
        with temporary_model(Titled, fields=fields, name="Again") as Again:
            assert Again.objects.count() == 0
            assert Again.objects.create(title=title).shout() == title.upper()


@pytest.mark.django_db
def test_inside_the_test_transaction_it_says_what_to_use_instead():
    with pytest.raises(RuntimeError, match="transactional_db"), temporary_model(Stamped):
        pass


class OwnedByUser(models.Model):
    """The main reason for this helper: a mixin with a foreign key to the user model."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        abstract = True


@pytest.mark.django_db(transaction=True)
def test_deleting_a_real_model_cascades_into_the_temporary_one():
    with temporary_model(OwnedByUser, name="Owned") as Owned:
        alice = UserFactory()
        Owned.objects.create(owner=alice)

        alice.delete()

        assert Owned.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_table_left_by_a_killed_run_is_replaced():
    with temporary_model(Stamped, name="Leftover") as Leftover:
        table = Leftover._meta.db_table
    # As if the run had died inside the block: the table stays in the kept database.
    with connection.schema_editor() as editor:
        editor.create_model(Leftover)

    with temporary_model(Stamped, name="Leftover") as Again:
        assert Again.objects.count() == 0

    assert table not in connection.introspection.table_names()
