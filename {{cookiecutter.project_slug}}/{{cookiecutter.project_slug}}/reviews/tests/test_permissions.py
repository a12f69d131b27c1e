import pytest
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.reviews.factories import ReviewFactory
from {{ cookiecutter.project_slug }}.reviews.permissions import IsAuthorOrReadOnly
from {{ cookiecutter.project_slug }}.users.factories import UserFactory

# Unit: the permission on built objects, with a request and no database.
requests = APIRequestFactory()


def allowed(method, user, review):
    request = getattr(requests, method)("/")
    request.user = user
    return IsAuthorOrReadOnly().has_object_permission(request, None, review)


@pytest.fixture
def review():
    return ReviewFactory.build(user=UserFactory.build(pk=1))


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_anyone_may_read(review, method):
    assert allowed(method, UserFactory.build(pk=2), review)


@pytest.mark.parametrize("method", ["delete", "put", "patch"])
def test_only_the_author_may_change(review, method):
    assert allowed(method, review.user, review)
    assert not allowed(method, UserFactory.build(pk=2), review)
