"""Async tests, in both styles, isolated like sync ones: what they write, directly or
through a view, is seen by the code under test and gone afterwards (the test kit's
plugin, testing/async_tests.py, checks the project's tables after the last test). And
the kit's helpers work in them."""

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.db.models.signals import pre_save
from django.test import TestCase

from {{ cookiecutter.project_slug }}.testing import (
    ANONYMOUS,
    UserFactory,
    acall_api,
    assert_num_queries,
    assert_response,
    mute_signals,
)
from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.urls("{{ cookiecutter.project_slug }}.testing.tests.urls")


async def test_an_async_test_sees_what_its_fixtures_made(user):
    assert await User.objects.acount() == 1
    assert (await User.objects.aget(pk=user.pk)).username == user.username


async def test_an_async_view_sees_the_fixtures_and_the_test_s_writes(async_client, user):
    await User.objects.acreate(username="written-by-the-test")

    payload = assert_response(await acall_api(async_client, "users"), 200)

    assert payload["usernames"] == sorted([user.username, "written-by-the-test"])


@pytest.mark.django_db
async def test_what_an_async_view_writes_the_test_sees(async_client):
    response = await acall_api(async_client, "users", "post", data={"username": "by-the-view"})

    assert assert_response(response, 200)["usernames"] == ["by-the-view"]
    assert await User.objects.filter(username="by-the-view").aexists()


@pytest.mark.django_db
async def test_factories_make_data_in_an_async_test():
    made = await UserFactory.acreate(first_name="Ada")

    assert (await User.objects.aget(pk=made.pk)).first_name == "Ada"


@pytest.mark.django_db
async def test_acall_api_sends_a_json_body_query_and_headers(async_client):
    sent = {"data": {"a": 1}, "query": {"q": "tea"}, "headers": {"X-Trace": "abc"}}

    response = await acall_api(async_client, "echo-detail", "patch", url_kwargs={"pk": 2}, **sent)

    payload = assert_response(response, 200)
    assert (payload["body"], payload["query"]) == ({"a": 1}, {"q": ["tea"]})
    assert (payload["url_kwargs"], payload["trace"]) == ({"pk": 2}, "abc")


async def test_acall_api_refuses_what_call_api_refuses(async_client):
    with pytest.raises(ValueError, match=r"takes no body; pass its parameters as query="):
        await acall_api(async_client, "echo", "get", data={"q": "tea"})


async def test_acall_api_as_a_user_for_that_call_alone(async_client, user, other_user):
    await async_client.aforce_login(user)

    assert (await acall_api(async_client, "echo", user=other_user)).json()["user"] == (
        other_user.username
    )
    assert (await acall_api(async_client, "echo", user=ANONYMOUS)).json()["user"] is None
    assert (await acall_api(async_client, "echo")).json()["user"] == user.username


async def test_query_counts_are_guarded_around_async_code(async_client, user):
    async with assert_num_queries(1):
        await acall_api(async_client, "users")
    async with assert_num_queries(2):
        await User.objects.acreate(username="one")
        await User.objects.acount()


async def test_a_wrong_query_count_names_the_queries_run(user):
    with pytest.raises(AssertionError, match=r"2 queries expected, 1 run:\n1\. SELECT"):
        async with assert_num_queries(2):
            await User.objects.acount()


async def test_mute_signals_mutes_an_async_test_s_body(db):
    heard = []

    def listen(sender, **kwargs):
        heard.append(sender)

    pre_save.connect(listen, sender=User)
    try:

        @mute_signals(pre_save)
        async def muted():
            await UserFactory.acreate()

        await muted()
        assert heard == []
        await UserFactory.acreate()
        assert heard == [User]
    finally:
        pre_save.disconnect(listen, sender=User)


@pytest.mark.django_db(transaction=True)
async def test_work_on_other_threads_needs_transaction_true():
    # sync_to_async(thread_sensitive=False) runs on a thread with a connection of its own,
    # outside any test transaction: with transaction=True, the tables are emptied after.
    def elsewhere():
        UserFactory(username="elsewhere")
        # The thread's own connection, which Django leaves open (on in-memory SQLite, it
        # will not close it), and which would otherwise be collected with a warning.
        connection.connection.close()

    await sync_to_async(elsewhere, thread_sensitive=False)()

    assert await User.objects.filter(username="elsewhere").aexists()


class AsyncTestCaseStories(TestCase):
    """Django's own style: async methods on TestCase, with its ``async_client``."""

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory()

    async def test_the_class_data_and_the_test_s_writes_are_seen(self):
        await UserFactory.acreate(username="second")

        async with assert_num_queries(1):
            payload = assert_response(await self.async_client.get("/users/"), 200)

        self.assertEqual(payload["usernames"], sorted([self.user.username, "second"]))
