"""Check every answer before cookiecutter writes anything.

Each problem is reported on one line that names the answer and how to fix it, then the
command that generates again with every answer given and the fixable ones fixed; the
hook exits non-zero, and cookiecutter removes the half-made project folder. The
template's tests import this module and call ``problems`` with any answers.
"""

import difflib
import json
import keyword
import os
import re
import shlex
import sys

# cookiecutter asks these as numbered menus and yes/no questions, and refuses any other
# value given on its command line; answers replayed from a file are checked here.
CHOICES = {
    "python_version": ("3.13", "3.12"),
    "database": ("sqlite", "postgresql", "mysql"),
    "ci": ("github", "gitlab", "none"),
}
YES_NO = ("use_drf", "example_app", "browser_tests")

# Top-level modules of the generated project and of what it installs (every database,
# DRF, the dev tools, at the floors and the newest releases; lowercased, for
# case-insensitive file systems): a slug equal to one would shadow it. The template's run
# layer checks this list against real installs.
TAKEN_NAMES = {
    # the project's own
    "config",
    "conftest",
    "manage",
    "test",
    "tests",
    # its dependencies (the optional groups, browser and mutation, included), at both
    # ends of their ranges
    "adrf",
    "anyio",
    "asgiref",
    "async_property",
    "ast_serialize",
    "attr",
    "attrs",
    "certifi",
    "cfgv",
    "charset_normalizer",
    "click",
    "coverage",
    "distlib",
    "django",
    "django_stubs_ext",
    "django_tasks",
    "django_tasks_db",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "environ",
    "execnet",
    "factory",
    "faker",
    "filelock",
    "graphql",
    "greenlet",
    "h11",
    "harfile",
    "httpcore",
    "httpx",
    "hypothesis",
    "hypothesis_graphql",
    "hypothesis_jsonschema",
    "identify",
    "idna",
    "inflection",
    "iniconfig",
    "jsonschema",
    "jsonschema_rs",
    "jsonschema_specifications",
    "junit_xml",
    "libcst",
    "librt",
    "markdown_it",
    "markupsafe",
    "mdurl",
    "mutmut",
    "mypy",
    "mypy_django_plugin",
    "mypy_drf_plugin",
    "mypy_extensions",
    "mypyc",
    "mysqldb",
    "nodeenv",
    "packaging",
    "pathspec",
    "platformdirs",
    "playwright",
    "pluggy",
    "pre_commit",
    "psycopg",
    "psycopg_binary",
    "py",
    "pygments",
    "pyrate_limiter",
    "pytest",
    "pytest_base_url",
    "pytest_cov",
    "pytest_django",
    "pytest_mock",
    "pytest_playwright",
    "pytest_randomly",
    "pytest_split",
    "python_discovery",
    "redis",
    "referencing",
    "requests",
    "rest_framework",
    "rich",
    "rpds",
    "ruff",
    "schemathesis",
    "setproctitle",
    "six",
    "slugify",
    "sortedcontainers",
    "sqlparse",
    "starlette",
    "starlette_testclient",
    "tenacity",
    "testmon",
    "text_unidecode",
    "textual",
    "typing_extensions",
    "uritemplate",
    "urllib3",
    "uvicorn",
    "virtualenv",
    "werkzeug",
    "whitenoise",
    "xdist",
    "yaml",
    # what they install on other systems (Windows)
    "colorama",
    "tzdata",
}

# Words people type for a choice, and the choice they mean.
ALIASES = {
    "postgres": "postgresql",
    "pg": "postgresql",
    "mariadb": "mysql",
    "sqlite3": "sqlite",
    "gitlab-ci": "gitlab",
    "github-actions": "github",
    "actions": "github",
}

SLUG = re.compile(r"[a-z][a-z0-9_]*")
# Test databases are named test_<slug>_gw<N>; MySQL allows 64 characters in a name.
SLUG_MAX_LENGTH = 40
# An address package metadata takes: ASCII, a dot-atom local part and domain.
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
# (No doubled braces in this file: Jinja renders it before it runs.)
EMAIL = re.compile(ATOM + r"(\." + ATOM + r")*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]+")
# PEP 440, as its grammar reads, in ASCII: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local],
# with the separators and spellings the specification allows.
SEPARATOR = r"[-_.]?"
VERSION = re.compile(
    rf"""v?
    (\d+!)?\d+(\.\d+)*
    ({SEPARATOR}(a|b|c|rc|alpha|beta|pre|preview){SEPARATOR}\d*)?
    (-\d+|{SEPARATOR}(post|rev|r){SEPARATOR}\d*)?
    ({SEPARATOR}dev{SEPARATOR}\d*)?
    (\+[a-z0-9]+([-_.][a-z0-9]+)*)?""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
GATE = re.compile(r"[0-9]{1,3}", re.ASCII)
# Answers that are written on one line (a heading, a TOML string, package metadata).
ONE_LINE = ("project_name", "description", "author_name", "email", "version")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Answers whose replacement in the command is the template's default, not a fix of what
# was typed: the user still chooses these.
DEFAULTED = ("email", "version", "coverage_fail_under")


def nearest(value, allowed):
    """The allowed answer closest to what was typed (the first one when none is close)."""
    typed = value.strip().lower()
    if typed in ALIASES and ALIASES[typed] in allowed:
        return ALIASES[typed]
    close = difflib.get_close_matches(typed, allowed, n=1, cutoff=0.5)
    return close[0] if close else allowed[0]


def suggest_slug(value):
    """A valid package name close to what was typed."""
    slug = re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"project_{slug}".rstrip("_")
    slug = slug[: SLUG_MAX_LENGTH - len("_app")].rstrip("_")
    if keyword.iskeyword(slug) or slug in TAKEN_NAMES or slug in sys.stdlib_module_names:
        slug = f"{slug}_app"
    return slug


def slug_problem(slug):
    fix = f"e.g. project_slug={suggest_slug(slug)}"
    if not SLUG.fullmatch(slug):
        return (
            f"project_slug {slug!r} is not a lowercase Python identifier: "
            f"use lowercase letters, digits and underscores, starting with a letter ({fix})"
        )
    if len(slug) > SLUG_MAX_LENGTH:
        return (
            f"project_slug {slug!r} is {len(slug)} characters long: keep it to "
            f"{SLUG_MAX_LENGTH} or fewer ({fix})"
        )
    if keyword.iskeyword(slug):
        return f"project_slug {slug!r} is a Python keyword: choose another name ({fix})"
    if slug in TAKEN_NAMES or slug in sys.stdlib_module_names:
        return (
            f"project_slug {slug!r} would shadow the module of the same name "
            f"that the project imports: choose another name ({fix})"
        )
    return None


def check(answers):
    """Every problem with the answers: ``(key, one line naming it and the fix, a valid
    value for that key)``; where nothing typed points to one, the template's default."""
    found = []
    slug = slug_problem(answers["project_slug"])
    if slug:
        found.append(("project_slug", slug, suggest_slug(answers["project_slug"])))
    for key in ONE_LINE:
        if CONTROL.search(answers[key]):
            cleaned = " ".join(CONTROL.sub(" ", answers[key]).split())
            found.append(
                (
                    key,
                    f"{key} {answers[key]!r} holds a line break or another control character: "
                    f"give it on one line (e.g. {key}={shlex.quote(cleaned)})",
                    cleaned,
                )
            )
    for key, allowed in CHOICES.items():
        value = answers[key]
        if value not in allowed:
            fix = nearest(value, allowed)
            found.append(
                (
                    key,
                    f"{key} {value!r} is not one of {', '.join(allowed)}: answer with one of "
                    f"them (e.g. {key}={fix})",
                    fix,
                )
            )
    if not any(character.isalnum() for character in answers["project_name"]):
        found.append(
            (
                "project_name",
                f"project_name {answers['project_name']!r} has no letter or digit: give the "
                "project a name (e.g. project_name='My Service')",
                "My Service",
            )
        )
    if not EMAIL.fullmatch(answers["email"]):
        found.append(
            (
                "email",
                f"email {answers['email']!r} is not an address package metadata accepts: "
                "give an ASCII one like you@example.com (e.g. email=you@example.com)",
                "you@example.com",
            )
        )
    if not VERSION.fullmatch(answers["version"]):
        found.append(
            (
                "version",
                f"version {answers['version']!r} is not a PEP 440 version: use numbers "
                "separated by dots, with an optional suffix (e.g. version=0.1.0, 1.0.0b1)",
                "0.1.0",
            )
        )
    gate = answers["coverage_fail_under"]
    if not (GATE.fullmatch(gate) and int(gate) <= 100):
        found.append(
            (
                "coverage_fail_under",
                f"coverage_fail_under {gate!r} is not a whole number from 0 to 100: "
                "give the percentage in digits 0-9 (e.g. coverage_fail_under=80)",
                "80",
            )
        )
    for key in YES_NO:
        if not isinstance(answers[key], bool):
            found.append(
                (key, f"{key} {answers[key]!r} is not yes or no: answer one (e.g. {key}=yes)", True)
            )
    if answers["example_app"] is True and answers["use_drf"] is False:
        found.append(
            (
                "use_drf",
                "example_app needs use_drf: the example feature is a REST API "
                "(answer use_drf=yes, or example_app=no)",
                True,
            )
        )
    return found


def problems(answers):
    """Every problem with the answers, one line each; empty when all is well."""
    return [line for _, line, _ in check(answers)]


def fixed(answers, found):
    """The answers with each refused one replaced by its valid value."""
    return {**answers, **{key: value for key, _, value in found}}


def rerun_command(answers, found):
    """The command that generates again with every answer given, each refused one replaced
    by a valid value, so that pasting it never fails on the same answer twice."""
    given = fixed(answers, found)
    words = ["python3", "-m", "cookiecutter", answers.get("_template", "<template>")]
    if answers.get("_output_dir"):
        start = os.environ.get("PWD") or os.getcwd()
        words += ["--output-dir", os.path.relpath(answers["_output_dir"], start)]
    words.append("--no-input")
    words += [f"{key}={typed(value)}" for key, value in given.items() if not key.startswith("_")]
    return shlex.join(words)


def typed(value):
    """An answer as it is typed on cookiecutter's command line."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def main():
    answers = json.loads(r"""{{ cookiecutter | jsonify }}""")
    found = check(answers)
    for _, line, _ in found:
        print(f"error: {line}", file=sys.stderr)
    if found:
        guessed = [key for key, _, _ in found if key in DEFAULTED]
        note = f" (check {', '.join(guessed)}: the template's default)" if guessed else ""
        print(
            f"Nothing was written. Again, with every answer{note}:\n"
            f"  {rerun_command(answers, found)}",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
