from {{ cookiecutter.project_slug }}.testing import (
    BaseRequestTestCase,
    UserFactory,
    assert_response,
)
from {{ cookiecutter.project_slug }}.users.models import User


class TestAnAdministratorManagesUsers(BaseRequestTestCase):
    """A story across requests: an administrator adds a user, finds them, removes them."""

    def make_user(self):
        return UserFactory(password=self.password, is_staff=True, is_superuser=True)

    def test_add_find_and_remove_a_user(self):
        assert_response(self.get("admin:index"), 200, "html")

        added = self.client.post(
            self.url("admin:users_user_add"),
            {"username": "newcomer", "password1": "pass-phrase-1", "password2": "pass-phrase-1"},
        )
        assert_response(added, 302, kind=None)
        newcomer = User.objects.get(username="newcomer")

        found = self.get("admin:users_user_changelist", query={"q": "newcomer"})
        self.assertContains(found, "newcomer")

        removed = self.client.post(
            self.url("admin:users_user_delete", object_id=newcomer.pk), {"post": "yes"}
        )
        assert_response(removed, 302, kind=None)
        assert not User.objects.filter(username="newcomer").exists()

        self.logout()
        assert_response(self.get("admin:index"), 302, kind=None)
