from django.test import override_settings

from {{ cookiecutter.project_slug }}.testing import (
    BaseRequestTestCase,
    StaffUserFactory,
    UserFactory,
)
from {{ cookiecutter.project_slug }}.users.models import User

ECHO_URLS = "{{ cookiecutter.project_slug }}.testing.tests.urls"


@override_settings(ROOT_URLCONF=ECHO_URLS)
class TestBaseRequestTestCase(BaseRequestTestCase):
    def test_set_up_logs_a_fresh_user_in(self):
        payload = self.get("echo").json()

        assert payload["user"] == self.user.username

    def test_get_fills_url_kwargs_and_the_query_string(self):
        payload = self.get("echo-detail", pk=4, query={"tag": ["a", "b"], "page": 2}).json()

        assert payload["url_kwargs"] == {"pk": 4}
        assert payload["query"] == {"tag": ["a", "b"], "page": ["2"]}

    def test_writes_send_json_bodies(self):
        for send, method in (
            (self.post_json, "POST"),
            (self.put_json, "PUT"),
            (self.patch_json, "PATCH"),
        ):
            payload = send("echo-detail", {"rating": 5}, pk=1).json()

            assert payload["method"] == method
            assert payload["body"] == {"rating": 5}
            assert payload["content_type"] == "application/json"

    def test_delete_sends_no_body(self):
        payload = self.delete("echo-detail", pk=1).json()

        assert payload["method"] == "DELETE"
        assert payload["body"] is None

    def test_a_story_can_switch_users_and_log_out(self):
        someone = UserFactory()

        self.login_as(someone)
        assert self.get("echo").json()["user"] == someone.username
        self.logout()
        assert self.get("echo").json()["user"] is None

    def test_fake_payloads_look_real_and_take_overrides(self):
        person = self.fake_person(first_name="Ada")

        assert person["first_name"] == "Ada"
        assert "@" in person["email"]
        assert self.fake_person()["email"] != self.fake_person()["email"]
        assert self.fake_text().endswith(".")


@override_settings(ROOT_URLCONF=ECHO_URLS)
class TestChoosingWhoTheStoryIsAbout(BaseRequestTestCase):
    def make_user(self):
        return StaffUserFactory(password=self.password)

    def test_the_hook_chose_a_staff_user(self):
        assert self.user.is_staff
        assert self.get("echo").json()["user"] == self.user.username


class TestEachTestStartsWithItsOwnUser(BaseRequestTestCase):
    """Whatever one test does to its user, the next test's user is new."""

    def test_one(self):
        self.assert_untouched_user()

    def test_two(self):
        self.assert_untouched_user()

    def assert_untouched_user(self):
        assert User.objects.count() == 1
        assert self.user.first_name != "Changed"
        self.user.first_name = "Changed"
        self.user.save()
