"""Integration tests that tell a user's story across several requests."""

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http.response import HttpResponseBase
from django.test import TestCase
from faker import Faker

from {{ cookiecutter.project_slug }}.users.factories import DEFAULT_PASSWORD, UserFactory
from {{ cookiecutter.project_slug }}.users.models import User

from .urls import url_for

# A query string's parameters, as ``url_for`` takes them.
Query = Mapping[str, Any] | None


class BaseRequestTestCase(TestCase):
    """An endpoint factory: each test is one story told in requests, as a user would.

    ``setUp`` makes ``self.user`` (choose who with ``make_user``) and logs
    ``self.client`` in with the user's password. Requests go by URL name; ``**url_kwargs``
    fill the URL's parameters and ``query`` its query string. Bodies are sent as JSON.
    """

    password = DEFAULT_PASSWORD

    def setUp(self) -> None:
        super().setUp()
        self.user = self.make_user()
        logged_in = self.client.login(username=self.user.get_username(), password=self.password)
        assert logged_in, "setUp could not log in: make_user must give the user self.password"

    def make_user(self) -> User:
        """Who the story is about. Override to tell it about someone else, e.g. staff."""
        return UserFactory.create(password=self.password)

    def login_as(self, user: User) -> None:
        """Go on as another user."""
        self.client.force_login(user)

    def logout(self) -> None:
        self.client.logout()

    def url(self, url_name: str, *, query: Query = None, **url_kwargs: Any) -> str:
        return url_for(url_name, url_kwargs, query)

    def get(self, url_name: str, *, query: Query = None, **url_kwargs: Any) -> HttpResponseBase:
        return self.client.get(self.url(url_name, query=query, **url_kwargs))

    def delete(self, url_name: str, *, query: Query = None, **url_kwargs: Any) -> HttpResponseBase:
        return self.client.delete(self.url(url_name, query=query, **url_kwargs))

    def post_json(
        self, url_name: str, data: Any, *, query: Query = None, **url_kwargs: Any
    ) -> HttpResponseBase:
        return self._send_json("post", url_name, data, query, url_kwargs)

    def put_json(
        self, url_name: str, data: Any, *, query: Query = None, **url_kwargs: Any
    ) -> HttpResponseBase:
        return self._send_json("put", url_name, data, query, url_kwargs)

    def patch_json(
        self, url_name: str, data: Any, *, query: Query = None, **url_kwargs: Any
    ) -> HttpResponseBase:
        return self._send_json("patch", url_name, data, query, url_kwargs)

    def _send_json(
        self,
        method: str,
        url_name: str,
        data: Any,
        query: Query,
        url_kwargs: Mapping[str, Any],
    ) -> HttpResponseBase:
        send = getattr(self.client, method)
        body = json.dumps(data, cls=DjangoJSONEncoder)
        return send(self.url(url_name, query=query, **url_kwargs), body, "application/json")

    # Fake payloads: realistic, different in every test, replayable with the run's seed.

    @property
    def fake(self) -> Faker:
        """One Faker for every story, made when a story first asks for it."""
        return _shared_faker()

    def fake_person(self, **overrides: Any) -> dict[str, Any]:
        """A person's details as a signup or profile form would send them."""
        first_name, last_name = self.fake.first_name(), self.fake.last_name()
        person = {
            "first_name": first_name,
            "last_name": last_name,
            "email": self.fake.unique.email(),
        }
        return {**person, **overrides}

    def fake_text(self, sentences: int = 2) -> str:
        return " ".join(self.fake.sentences(sentences))


@cache
def _shared_faker() -> Faker:
    # Making a Faker loads its locale's providers: a cost only the stories that use it pay.
    return Faker()
