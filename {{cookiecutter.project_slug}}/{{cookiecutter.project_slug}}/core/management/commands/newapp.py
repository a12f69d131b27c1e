"""``manage.py newapp <name>``: a new app laid out as the project's own apps are.

It writes ``<package>/<name>/`` (apps.py with its name and label, models, admin,
factories, migrations, a tests package with a first test), adds the app to
INSTALLED_APPS in config/settings/base.py and, where the project has an API, includes
its urls.py under /api/<name>/ in config/api_urls.py.
"""

import keyword
import re
from pathlib import Path
from string import Template

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PACKAGE = __name__.split(".")[0]

FILES = {
    "__init__.py": "",
    "apps.py": """from django.apps import AppConfig


class ${camel}Config(AppConfig):
    name = "${package}.${name}"
    label = "${name}"
    verbose_name = "${title}"
""",
    "models.py": '''"""The ${title} app's models.

After each change: `uv run python manage.py makemigrations ${name}`.
"""
''',
    "admin.py": '''"""The ${title} app's models in the admin, each with `@admin.register(Model)`."""
''',
    "factories.py": '''"""Factories for the ${title} app's models.

Build them on ${package}.core.factories.BaseFactory (TESTING.md, "Factories"), so that
each test creates exactly the rows it needs.
"""
''',
    "migrations/__init__.py": "",
    "tests/__init__.py": "",
    "tests/test_app.py": """from django.apps import apps


def test_the_app_is_installed_under_its_label():
    assert apps.get_app_config("${name}").name == "${package}.${name}"
""",
}
API_FILES = {
    "urls.py": '''"""The ${title} API, under /api/${name}/ (config/api_urls.py includes it)."""

urlpatterns = []
''',
}


class Command(BaseCommand):
    help = "Add an app laid out as the project's own: files, INSTALLED_APPS and API urls."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the app's name: lowercase letters, digits, _")
        parser.add_argument(
            "--project-dir",
            type=Path,
            default=settings.BASE_DIR,
            help="the project folder (default: this project's)",
        )

    def handle(self, name, project_dir, **options):
        check_name(name)
        folder = project_dir / PACKAGE / name
        if folder.exists():
            raise CommandError(f"{folder} exists already: choose another name")
        settings_file = project_dir / "config" / "settings" / "base.py"
        api_urls = project_dir / "config" / "api_urls.py"
        installed = add_to_installed_apps(settings_file.read_text(), name)
        routed = add_to_api_urls(api_urls.read_text(), name) if api_urls.is_file() else None

        values = {"name": name, "package": PACKAGE, "title": name.replace("_", " ").title()}
        values["camel"] = values["title"].replace(" ", "")
        for relative, text in {**FILES, **(API_FILES if routed else {})}.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(Template(text).substitute(values))
        settings_file.write_text(installed)
        if routed:
            api_urls.write_text(routed)

        self.stdout.write(f"Created {PACKAGE}/{name}, added to INSTALLED_APPS")
        if routed:
            self.stdout.write(f"Its urls.py is included under /api/{name}/")
        self.stdout.write(
            f"Next: models in {PACKAGE}/{name}/models.py, then "
            f"`uv run python manage.py makemigrations {name}`; tests in {PACKAGE}/{name}/tests/"
        )


def check_name(name):
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or keyword.iskeyword(name):
        raise CommandError(
            f"{name!r} is not an app name: use lowercase letters, digits and underscores, "
            "starting with a letter (e.g. inventory)"
        )
    if name in apps.app_configs:
        raise CommandError(f"an installed app already has the label {name!r}: choose another")


def add_to_installed_apps(text, name):
    """base.py's text with the app listed after the project's last app."""
    own = list(re.finditer(rf'^    "{PACKAGE}\.\w+",\n', text, re.M))
    if not own:
        raise CommandError(f"config/settings/base.py lists no {PACKAGE} app to add this one after")
    end = own[-1].end()
    return f'{text[:end]}    "{PACKAGE}.{name}",\n{text[end:]}'


def add_to_api_urls(text, name):
    """api_urls.py's text with the app's urls included under its name."""
    if "\n]\n" not in text:
        raise CommandError("config/api_urls.py has no urlpatterns list ending in ']' to add to")
    text = text.replace("from django.urls import path\n", "from django.urls import include, path\n")
    head, tail = text.rsplit("\n]\n", 1)
    return f'{head}\n    path("{name}/", include("{PACKAGE}.{name}.urls")),\n]\n{tail}'
