"""Journeys in a real browser against a live server (Playwright; TESTING.md, "Browser
journeys"). Field ids are Django's own (``id_username``); buttons and links are found by
what a user reads."""
{%- if cookiecutter.example_app %}

import json
{%- endif %}

import pytest
{%- if cookiecutter.use_drf %}
import yaml
{%- endif %}
from playwright.sync_api import expect

{% if cookiecutter.example_app -%}
from {{ cookiecutter.project_slug }}.orders.models import Product
{% endif -%}
from {{ cookiecutter.project_slug }}.users.factories import DEFAULT_PASSWORD, UserFactory
from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.browser
{%- if cookiecutter.use_drf %}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
{%- endif %}


def sign_in_to_the_admin(page, live_server, user):
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def add_in_the_admin(page, model, **fields):
    """Fill in and save the admin's Add form of ``model`` (its row on the index page);
    ``fields`` by their form names."""
    page.get_by_role("row", name=model).get_by_role("link", name="Add").click()
    # The admin's script, loaded async, focuses the form's first field: wait for it, or it
    # can take the focus from a field being filled, whose text then lands in the first.
    expect(page.locator("#content-main :focus")).to_have_count(1)
    for name, value in fields.items():
        page.locator(f"#id_{name}").fill(value)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")


def test_an_administrator_adds_a_user_finds_them_and_signs_out(live_server, page):
    sign_in_to_the_admin(page, live_server, UserFactory(is_staff=True, is_superuser=True))

    passphrase = "a-long-passphrase-42"
    add_in_the_admin(
        page, "Users", username="new.colleague", password1=passphrase, password2=passphrase
    )
    assert User.objects.get(username="new.colleague").check_password(passphrase)

    page.goto(f"{live_server.url}/admin/users/user/")
    page.locator("#searchbar").fill("colleague")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("new.colleague")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()
    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("#id_username")).to_be_visible()  # signed out: the login form again


def test_a_wrong_password_keeps_the_door_shut(live_server, page):
    user = UserFactory(is_staff=True)

    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.locator(".errornote")).to_contain_text("Please enter the correct username")
    expect(page.get_by_role("heading", name="Site administration")).to_have_count(0)
{%- if cookiecutter.use_drf %}


def test_the_api_docs_page_shows_every_operation_from_the_service_alone(
    live_server, page, settings
):
    settings.API_DOCS = True
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url))

    page.goto(f"{live_server.url}/api/docs/")

    # Every operation of the schema, each drawn with its path (openapi.yaml is what the
    # service serves: test_schema.py).
    schema = yaml.safe_load((settings.BASE_DIR / "openapi.yaml").read_text(encoding="utf-8"))
    for path, item in schema["paths"].items():
        operations = [method for method in item if method in HTTP_METHODS]
        expect(page.get_by_text(path, exact=True)).to_have_count(len(operations))
    assert [url for url in elsewhere if not url.startswith(live_server.url)] == []
{%- endif %}
{%- if cookiecutter.example_app %}


def test_a_product_added_in_the_admin_is_reviewed_in_the_browsable_api(live_server, page):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_to_the_admin(page, live_server, staff)

    add_in_the_admin(page, "Products", name="Teapot", price="24.50", stock="3")
    teapot = Product.objects.get(name="Teapot")

    # The browsable API, signed in by the admin's session: JSON typed into its form.
    reviews = f"{live_server.url}/api/products/{teapot.pk}/reviews/"
    page.goto(reviews)
    page.locator("#id__content").fill(json.dumps({"rating": 5, "body": "Pours cleanly"}))
    page.get_by_role("button", name="POST").click()
    expect(page.locator(".response-info")).to_contain_text("201 Created")

    page.goto(reviews)
    expect(page.locator(".response-info")).to_contain_text("Pours cleanly")
    assert teapot.reviews.get().user == staff
{%- endif %}
