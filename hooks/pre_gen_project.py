"""Check every answer before cookiecutter writes anything.

Each problem is reported on one line that names the answer and how to fix it; the
hook then exits non-zero, and cookiecutter removes the half-made project folder.
The template's tests import this module and call ``problems`` with any answers.
"""

import json
import keyword
import re
import sys

CHOICES = {
    "python_version": ("3.12", "3.13"),
    "database": ("sqlite", "postgresql", "mysql"),
    "ci": ("github", "gitlab", "none"),
    "use_drf": ("y", "n"),
    "example_app": ("n", "y"),
}

# Package names the generated project imports or creates itself: a slug equal to one
# of them would shadow it.
TAKEN_NAMES = {
    "config",
    "conftest",
    "django",
    "environ",
    "factory",
    "faker",
    "manage",
    "pytest",
    "pytest_django",
    "rest_framework",
    "test",
    "tests",
}

SLUG = re.compile(r"[a-z][a-z0-9_]*")
# Test databases are named test_<slug>_gw<N>; MySQL allows 64 characters in a name.
SLUG_MAX_LENGTH = 40
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# The public version forms of PEP 440 that a new project starts from.
VERSION = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?")


def suggest_slug(value):
    """A valid package name close to what was typed."""
    slug = re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        slug = f"project_{slug}".rstrip("_")
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
            f"{SLUG_MAX_LENGTH} or fewer (e.g. project_slug={slug[:SLUG_MAX_LENGTH].rstrip('_')})"
        )
    if keyword.iskeyword(slug):
        return f"project_slug {slug!r} is a Python keyword: choose another name ({fix})"
    if slug in TAKEN_NAMES or slug in sys.stdlib_module_names:
        return (
            f"project_slug {slug!r} would shadow the module of the same name "
            f"that the project imports: choose another name ({fix})"
        )
    return None


def problems(answers):
    """Every problem with the answers, one line each; empty when all is well."""
    found = []
    slug = slug_problem(answers["project_slug"])
    if slug:
        found.append(slug)
    for key, allowed in CHOICES.items():
        value = answers[key]
        if value not in allowed:
            options = ", ".join(allowed)
            found.append(
                f"{key} {value!r} is not one of {options}: answer with one of them "
                f"(e.g. {key}={allowed[0]})"
            )
    if not answers["project_name"].strip():
        found.append(
            "project_name is empty: give the project a name (e.g. project_name='My Service')"
        )
    if not EMAIL.fullmatch(answers["email"]):
        found.append(
            f"email {answers['email']!r} is not an email address: "
            "give one like you@example.com (e.g. email=you@example.com)"
        )
    if not VERSION.fullmatch(answers["version"]):
        found.append(
            f"version {answers['version']!r} is not a PEP 440 version: "
            "use numbers separated by dots (e.g. version=0.1.0)"
        )
    gate = answers["coverage_fail_under"]
    if not (gate.isdigit() and 0 <= int(gate) <= 100):
        found.append(
            f"coverage_fail_under {gate!r} is not a whole number from 0 to 100: "
            "give the percentage (e.g. coverage_fail_under=80)"
        )
    if answers["example_app"] == "y" and answers["use_drf"] == "n":
        found.append(
            "example_app 'y' needs use_drf 'y': the example feature is a REST API "
            "(answer use_drf=y, or example_app=n)"
        )
    return found


def main():
    answers = json.loads(r"""{{ cookiecutter | jsonify }}""")
    found = problems(answers)
    for line in found:
        print(f"error: {line}", file=sys.stderr)
    if found:
        sys.exit(1)


if __name__ == "__main__":
    main()
