import pytest
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.factories import UserFactory
from {{ cookiecutter.project_slug }}.users.models import User


@pytest.mark.django_db
def test_admin_lists_users_and_finds_one_by_username(admin_client):
    UserFactory(username="findme")
    UserFactory(username="someone")

    response = admin_client.get(reverse("admin:users_user_changelist"), {"q": "findme"})

    assert response.status_code == 200
    assert "findme" in response.text
    assert "someone" not in response.text


@pytest.mark.django_db
def test_admin_adds_a_user(admin_client):
    response = admin_client.post(
        reverse("admin:users_user_add"),
        {
            "username": "newcomer",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="newcomer").check_password("a-long-passphrase")


def test_admin_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("admin:users_user_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.django_db
def test_the_user_list_costs_the_same_queries_for_many_users(
    admin_client, django_assert_max_num_queries
):
    UserFactory.create_batch(30)

    # A bound that does not grow with the rows: a query per user would break it.
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:users_user_changelist"))

    assert response.status_code == 200
