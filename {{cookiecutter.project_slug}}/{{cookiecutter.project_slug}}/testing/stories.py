"""Integration tests that tell a user's story across several requests."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.test import TestCase
from faker import Faker

from {{ cookiecutter.project_slug }}.users.factories import DEFAULT_PASSWORD, UserFactory

from .urls import url_for


class BaseRequestTestCase(TestCase):
    """An endpoint factory: each test is one story told in requests, as a user would.

    ``setUp`` makes ``self.user`` (choose who with ``make_user``) and logs
    ``self.client`` in with the user's password. Requests go by URL name; ``**url_kwargs``
    fill the URL's parameters and ``query`` its query string. Bodies are sent as JSON.
    """

    password = DEFAULT_PASSWORD
    fake = Faker()

    def setUp(self):
        super().setUp()
        self.user = self.make_user()
        logged_in = self.client.login(username=self.user.get_username(), password=self.password)
        assert logged_in, "setUp could not log in: make_user must give the user self.password"

    def make_user(self):
        """Who the story is about. Override to tell it about someone else, e.g. staff."""
        return UserFactory(password=self.password)

    def login_as(self, user):
        """Go on as another user."""
        self.client.force_login(user)

    def logout(self):
        self.client.logout()

    def url(self, url_name, *, query=None, **url_kwargs):
        return url_for(url_name, url_kwargs, query)

    def get(self, url_name, *, query=None, **url_kwargs):
        return self.client.get(self.url(url_name, query=query, **url_kwargs))

    def delete(self, url_name, *, query=None, **url_kwargs):
        return self.client.delete(self.url(url_name, query=query, **url_kwargs))

    def post_json(self, url_name, data, *, query=None, **url_kwargs):
        return self._send_json("post", url_name, data, query, url_kwargs)

    def put_json(self, url_name, data, *, query=None, **url_kwargs):
        return self._send_json("put", url_name, data, query, url_kwargs)

    def patch_json(self, url_name, data, *, query=None, **url_kwargs):
        return self._send_json("patch", url_name, data, query, url_kwargs)

    def _send_json(self, method, url_name, data, query, url_kwargs):
        send = getattr(self.client, method)
        body = json.dumps(data, cls=DjangoJSONEncoder)
        return send(self.url(url_name, query=query, **url_kwargs), body, "application/json")

    # Fake payloads: realistic, different in every test, replayable with the run's seed.

    def fake_person(self, **overrides):
        """A person's details as a signup or profile form would send them."""
        first_name, last_name = self.fake.first_name(), self.fake.last_name()
        person = {
            "first_name": first_name,
            "last_name": last_name,
            "email": self.fake.unique.email(),
        }
        return {**person, **overrides}

    def fake_text(self, sentences=2):
        return " ".join(self.fake.sentences(sentences))
