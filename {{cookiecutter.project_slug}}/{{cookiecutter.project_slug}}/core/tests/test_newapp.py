"""``manage.py newapp``, run against a copy of the project's configuration."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

# A name no real app of the project will take, so these tests pass whatever apps exist.
NAME = "newapp_example"
PACKAGE = "{{ cookiecutter.project_slug }}"
# The API urls of a project that has none yet, as DRF's would be once added.
FIRST_API_URLS = 'from django.urls import path\n\nurlpatterns = [\n    path("", lambda r: r),\n]\n'


@pytest.fixture
def project(tmp_path):
    """A folder with the project's own settings and API urls, for the command to edit."""
    (tmp_path / PACKAGE).mkdir()
    # Without bytecode: another worker may be writing it while the copy runs.
    shutil.copytree(
        settings.BASE_DIR / "config",
        tmp_path / "config",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def newapp(project, name=NAME, **options):
    output = StringIO()
    call_command("newapp", name, project_dir=project, stdout=output, **options)
    return output.getvalue()


def test_the_app_gets_the_project_s_layout(project):
    said = newapp(project, api=False)

    app = project / PACKAGE / NAME
    for name in ("apps.py", "models.py", "admin.py", "factories.py", "migrations/__init__.py"):
        assert (app / name).is_file(), name
    config = (app / "apps.py").read_text()
    assert f'name = "{PACKAGE}.{NAME}"' in config
    assert f'label = "{NAME}"' in config
    assert "def test_" in (app / "tests" / "test_app.py").read_text()
    assert f"makemigrations {NAME}" in said


def test_the_app_is_installed_after_the_project_s_own(project):
    newapp(project, api=False)

    listed = (project / "config" / "settings" / "base.py").read_text()
    assert listed.index(f'"{PACKAGE}.{NAME}",') > listed.index(f'"{PACKAGE}.users",')


def test_an_app_with_an_api_is_routed_under_the_api(project):
    api_urls = project / "config" / "api_urls.py"
    if not api_urls.is_file():  # a project that adds an API later
        api_urls.write_text(FIRST_API_URLS)

    said = newapp(project, api=True)

    routes = api_urls.read_text()
    assert f'    path("{NAME}/", include("{PACKAGE}.{NAME}.urls")),\n]' in routes
    assert "from django.urls import include, path" in routes
    assert "app_name" not in (project / PACKAGE / NAME / "urls.py").read_text()
    assert f"under /api/{NAME}/" in said
    assert 'reverse("api:<route name>")' in said
    assert '"results"' in said
    assert '["results"]' in (project / PACKAGE / NAME / "tests" / "test_app.py").read_text()


def test_an_app_without_an_api_is_routed_under_its_name_and_namespace(project):
    said = newapp(project, api=False)

    routes = (project / "config" / "urls.py").read_text()
    assert f'    path("{NAME}/", include("{PACKAGE}.{NAME}.urls")),\n]' in routes
    assert "from django.urls import include, path" in routes
    assert f'app_name = "{NAME}"' in (project / PACKAGE / NAME / "urls.py").read_text()
    assert f"under /{NAME}/" in said
    assert f'reverse("{NAME}:<route name>")' in said


{%- if cookiecutter.use_drf %}


def test_without_the_option_it_asks_whether_the_app_has_an_api(project, monkeypatch):
    # Asked, with no one at the keyboard: one line that names both answers.
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    with pytest.raises(CommandError, match=r"--api .* or --no-api"):
        newapp(project)
    assert not (project / PACKAGE / NAME).exists()

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: "y")
    newapp(project)
    routes = (project / "config" / "api_urls.py").read_text()
    assert f'include("{PACKAGE}.{NAME}.urls")' in routes
{%- else %}


def test_without_an_api_in_the_project_nothing_is_asked(project):
    newapp(project)

    assert f'include("{PACKAGE}.{NAME}.urls")' in (project / "config" / "urls.py").read_text()
{%- endif %}


def test_an_api_is_refused_where_the_project_has_none(project):
    (project / "config" / "api_urls.py").unlink(missing_ok=True)

    with pytest.raises(CommandError, match="no API"):
        newapp(project, api=True)

    assert not (project / PACKAGE / NAME).exists()


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        ("Inventory", "not an app name"),
        ("2nd", "not an app name"),
        ("class", "not an app name"),
        ("users", "already has the label"),
        ("auth", "already has the label"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_is_written(project, name, refusal):
    before = (project / "config" / "settings" / "base.py").read_text()

    with pytest.raises(CommandError, match=refusal):
        newapp(project, name, api=False)

    assert (project / "config" / "settings" / "base.py").read_text() == before


def test_an_existing_folder_is_refused(project):
    newapp(project, api=False)

    with pytest.raises(CommandError, match="exists already"):
        newapp(project, api=False)


@pytest.mark.parametrize(
    ("relative", "text", "refusal"),
    [
        ("config/settings/base.py", "INSTALLED_APPS = []\n", "lists no"),
        ("config/urls.py", "urlpatterns = []\n", "no urlpatterns list"),
    ],
)
def test_a_file_it_cannot_read_is_refused(project, relative, text, refusal):
    (project / relative).write_text(text)

    with pytest.raises(CommandError, match=refusal):
        newapp(project, api=False)

    assert not (project / PACKAGE / NAME).exists()
