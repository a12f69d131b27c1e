"""The API's schema: served, browsable where asked, and the same as the committed
openapi.yaml, which is valid OpenAPI 3 with no warning."""

import difflib
import re
from importlib import import_module

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from {{ cookiecutter.project_slug }}.testing import assert_response

COMMITTED = settings.BASE_DIR / "openapi.yaml"
REGENERATE = "uv run python manage.py spectacular --file openapi.yaml"
# PyYAML's parser in C, which its wheels include: the one in Python takes five times as
# long, and longer again while coverage traces the test.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(text):
    return yaml.load(text, Loader=SAFE_LOADER)


def lines_of(schema):
    return yaml.safe_dump(schema, sort_keys=True, allow_unicode=True).splitlines()


def parts(schema):
    """The schema by part: each operation (``post /api/auth/token/``), each component
    (``schemas SignIn``) and each other top-level key."""
    found = {key: value for key, value in schema.items() if key not in ("paths", "components")}
    for path, operations in schema.get("paths", {}).items():
        found.update({f"{method} {path}": value for method, value in operations.items()})
    for kind, components in schema.get("components", {}).items():
        found.update({f"{kind} {name}": value for name, value in components.items()})
    return found


def test_the_committed_schema_is_what_the_code_describes(tmp_path, request):
    generated = tmp_path / "openapi.yaml"
    # --validate checks it against the OpenAPI 3 specification; --fail-on-warn makes any
    # warning (an operation drf-spectacular cannot describe) an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))

    committed = read(COMMITTED.read_text())
    described = read(generated.read_text())
    if committed != described:
        old, new = parts(committed), parts(described)
        changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
        diff = difflib.unified_diff(
            lines_of(committed), lines_of(described), "openapi.yaml", "the code", lineterm=""
        )
        shown = "\n".join(diff) if request.config.get_verbosity() > 0 else "(-v shows the diff)"
        pytest.fail(
            f"openapi.yaml is not what the code describes, at: {'; '.join(changed)}\n{shown}\n"
            f"Run `{REGENERATE}`, review the change and commit it.",
            pytrace=False,
        )


def test_the_schema_is_served(client):
    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert read(response.content)["openapi"].startswith("3.")


@pytest.mark.parametrize("version", ["\x00", "\x01", "\r\n", "2.0"])
def test_a_client_s_version_parameter_changes_nothing_in_the_answer(client, version):
    response = client.get(reverse("api:schema"), {"version": version})

    assert response.status_code == 200
    assert read(response.content)["info"]["version"] == settings.SPECTACULAR_SETTINGS["VERSION"]
    assert version not in response["Content-Disposition"]


@pytest.mark.parametrize("accept", ["application/yaml", "application/vnd.oai.openapi+json"])
def test_the_schema_s_errors_are_json_whatever_it_is_served_as(client, settings, accept):
    # As with API_SCHEMA_PUBLIC=false: an anonymous client is refused.
    refused = SpectacularAPIView.as_view(permission_classes=[IsAuthenticated])(
        RequestFactory().get(reverse("api:schema"), headers={"accept": accept})
    )

    assert assert_response(refused.render(), 401)["detail"]


def test_the_docs_page_is_served_only_where_asked(client, settings):
    settings.API_DOCS = False
    assert client.get(reverse("api:docs")).status_code == 404

    settings.API_DOCS = True
    assert client.get(reverse("api:docs")).status_code == 200
    setup = client.get(reverse("api:docs"), {"script": ""})
    assert reverse("api:schema") in setup.content.decode()


def test_the_docs_page_loads_only_the_project_s_own_files(client, settings):
    """Swagger UI's scripts, styles and icon are static files of the project's (from
    drf-spectacular-sidecar), found where runserver looks for them: no CDN."""
    settings.API_DOCS = True
    page = client.get(reverse("api:docs")).content.decode()

    files = re.findall(r'(?:src|href)="([^"]*)"', page)
    *static, setup = files
    assert len(static) == 4, files  # the icon, the styles and two scripts
    for url in static:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is not found"
    # Swagger UI's set-up, a script of the page's own rather than an inline one.
    assert "<script>" not in page
    script = client.get(setup.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_local_settings_serve_the_docs_page_that_the_tests_check(settings):
    local = import_module("config.settings.local")

    assert "drf_spectacular_sidecar" in local.INSTALLED_APPS
    for name, value in settings.SWAGGER_UI_FROM_SIDECAR.items():
        assert local.SPECTACULAR_SETTINGS[name] == settings.SPECTACULAR_SETTINGS[name] == value
