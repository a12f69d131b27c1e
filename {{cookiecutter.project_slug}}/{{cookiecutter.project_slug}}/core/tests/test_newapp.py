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


def newapp(project, name=NAME):
    output = StringIO()
    call_command("newapp", name, project_dir=project, stdout=output)
    return output.getvalue()


def test_the_app_gets_the_project_s_layout(project):
    said = newapp(project)

    app = project / PACKAGE / NAME
    for name in ("apps.py", "models.py", "admin.py", "factories.py", "migrations/__init__.py"):
        assert (app / name).is_file(), name
    config = (app / "apps.py").read_text()
    assert f'name = "{PACKAGE}.{NAME}"' in config
    assert f'label = "{NAME}"' in config
    assert "def test_" in (app / "tests" / "test_app.py").read_text()
    assert f"makemigrations {NAME}" in said


def test_the_app_is_installed_after_the_project_s_own(project):
    newapp(project)

    listed = (project / "config" / "settings" / "base.py").read_text()
    assert listed.index(f'"{PACKAGE}.{NAME}",') > listed.index(f'"{PACKAGE}.users",')


def test_the_app_s_urls_are_included_under_the_api(project):
    api_urls = project / "config" / "api_urls.py"
    if not api_urls.is_file():  # a project that adds an API later
        api_urls.write_text(FIRST_API_URLS)

    newapp(project)

    routes = api_urls.read_text()
    assert f'    path("{NAME}/", include("{PACKAGE}.{NAME}.urls")),\n]' in routes
    assert "from django.urls import include, path" in routes
    assert (project / PACKAGE / NAME / "urls.py").is_file()


def test_without_an_api_no_urls_are_written(project):
    (project / "config" / "api_urls.py").unlink(missing_ok=True)

    said = newapp(project)

    assert not (project / PACKAGE / NAME / "urls.py").exists()
    assert "/api/" not in said


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
        newapp(project, name)

    assert (project / "config" / "settings" / "base.py").read_text() == before


def test_an_existing_folder_is_refused(project):
    newapp(project)

    with pytest.raises(CommandError, match="exists already"):
        newapp(project)


@pytest.mark.parametrize(
    ("relative", "text", "refusal"),
    [
        ("config/settings/base.py", "INSTALLED_APPS = []\n", "lists no"),
        ("config/api_urls.py", "urlpatterns = []\n", "no urlpatterns list"),
    ],
)
def test_a_file_it_cannot_read_is_refused(project, relative, text, refusal):
    (project / relative).write_text(text)

    with pytest.raises(CommandError, match=refusal):
        newapp(project)

    assert not (project / PACKAGE / NAME).exists()
