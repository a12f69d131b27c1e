"""``manage.py newapp <name> [--api | --no-api]``: a new app laid out as the project's own.

It writes ``<package>/<name>/`` (apps.py with its name and label, models, admin,
factories, urls, migrations, a tests package with a first test) and adds the app to
INSTALLED_APPS in config/settings/base.py. Its urls.py is included under /api/<name>/
(config/api_urls.py) for an app with an API, or under /<name>/ with the URL namespace
``<name>`` (config/urls.py) for one without; asked when neither option is given.
"""

import argparse
import keyword
import re
import sys
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
    "tests/test_app.py": """${about}from django.apps import apps


def test_the_app_is_installed_under_its_label():
    assert apps.get_app_config("${name}").name == "${package}.${name}"
""",
}
# The first test's docstring, for an app with an API and for one without.
ABOUT = {
    True: '''"""The ${title} API's tests: `call_api(client, "api:<route name>")` calls a route.

A list answers a page at a time: `response.json()["results"]`, and `["count"]` in all.
"""

''',
    False: "",
}
# An app's urls.py, for an app with an API and for one without.
URLS = {
    True: '''"""The ${title} API, under /api/${name}/ (config/api_urls.py includes it)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
''',
    False: '''"""The ${title} pages, under /${name}/ (config/urls.py includes it).

Name each route: ``reverse("${name}:<route name>")`` finds it.
"""

from django.urls import URLPattern, URLResolver

app_name = "${name}"

urlpatterns: list[URLPattern | URLResolver] = []
''',
}


class Command(BaseCommand):
    help = "Add an app laid out as the project's own: files, INSTALLED_APPS and urls."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the app's name: lowercase letters, digits, _")
        parser.add_argument(
            "--api",
            action=argparse.BooleanOptionalAction,
            help="--api: its urls under /api/<name>/; --no-api: under /<name>/ "
            "(asked when neither is given)",
        )
        parser.add_argument(
            "--project-dir",
            type=Path,
            default=settings.BASE_DIR,
            help="the project folder (default: this project's)",
        )

    def handle(self, name, api, project_dir, **options):
        check_name(name)
        folder = project_dir / PACKAGE / name
        if folder.exists():
            raise CommandError(f"{folder} exists already: choose another name")
        settings_file = project_dir / "config" / "settings" / "base.py"
        api_urls = project_dir / "config" / "api_urls.py"
        if api is None:
            api = api_urls.is_file() and self.ask_about_an_api(name)
        if api and not api_urls.is_file():
            raise CommandError("this project has no API (config/api_urls.py): use --no-api")
        urls_file = api_urls if api else project_dir / "config" / "urls.py"
        installed = add_to_installed_apps(settings_file.read_text(), name)
        routed = include_urls(urls_file.read_text(), name, urls_file.name)

        values = {"name": name, "package": PACKAGE, "title": name.replace("_", " ").title()}
        values["camel"] = values["title"].replace(" ", "")
        values["about"] = Template(ABOUT[api]).substitute(values)
        for relative, text in {**FILES, "urls.py": URLS[api]}.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(Template(text).substitute(values))
        settings_file.write_text(installed)
        urls_file.write_text(routed)

        namespace = "api" if api else name
        self.stdout.write(f"Created {PACKAGE}/{name}, added to INSTALLED_APPS")
        self.stdout.write(
            f"Its urls.py is included under /{'api/' if api else ''}{name}/; name each route, "
            f'and reverse("{namespace}:<route name>") finds it'
        )
        if api:
            self.stdout.write(
                'A list answers a page at a time: {"count", "next", "previous", "results"} '
                "(core/pages.py); ?page=2 is the next"
            )
        self.stdout.write(
            f"Next: models in {PACKAGE}/{name}/models.py, then "
            f"`uv run python manage.py makemigrations {name}`; tests in {PACKAGE}/{name}/tests/"
        )

    def ask_about_an_api(self, name):
        if not sys.stdin.isatty():
            raise CommandError(
                f"say whether {name} has an API: --api (its urls under /api/{name}/) or "
                f"--no-api (under /{name}/)"
            )
        answer = input(f"Does {name} have an API, its urls under /api/{name}/? [y/N] ")
        return answer.strip().lower() in {"y", "yes"}


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


def include_urls(text, name, file_name):
    """A URLconf's text with the app's urls included under its name."""
    if "\n]\n" not in text:
        raise CommandError(f"config/{file_name} has no urlpatterns list ending in ']' to add to")
    text = text.replace("from django.urls import path\n", "from django.urls import include, path\n")
    head, tail = text.split("\n]\n", 1)
    return f'{head}\n    path("{name}/", include("{PACKAGE}.{name}.urls")),\n]\n{tail}'
