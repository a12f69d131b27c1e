"""The hooks as code (their functions called with any answers) and through the real CLI."""

import subprocess
import sys
import tomllib

import pytest
from bakery import DEFAULTS, POST_GEN, PRE_GEN, TEMPLATE, answers

pytestmark = pytest.mark.render

BAD_ANSWERS = {
    "slug with a dash": ({"project_slug": "My-Service"}, "project_slug 'My-Service'"),
    "slug starting with a digit": ({"project_slug": "9lives"}, "project_slug '9lives'"),
    "slug too long": ({"project_slug": "s" * 41}, "is 41 characters long"),
    "slug that is a keyword": ({"project_slug": "class"}, "is a Python keyword"),
    "slug that shadows django": ({"project_slug": "django"}, "would shadow"),
    "slug that shadows the stdlib": ({"project_slug": "email"}, "would shadow"),
    "slug that shadows config": ({"project_slug": "config"}, "would shadow"),
    "unknown database": ({"database": "oracle"}, "database 'oracle' is not one of"),
    "unknown ci": ({"ci": "jenkins"}, "ci 'jenkins' is not one of"),
    "drf not y or n": ({"use_drf": "yes"}, "use_drf 'yes' is not one of"),
    "example app not y or n": ({"example_app": "maybe"}, "example_app 'maybe' is not one of"),
    "python too old": ({"python_version": "3.10"}, "python_version '3.10' is not one of"),
    "gate above 100": ({"coverage_fail_under": "120"}, "coverage_fail_under '120'"),
    "gate not a number": ({"coverage_fail_under": "high"}, "coverage_fail_under 'high'"),
    "email without at": ({"email": "nobody"}, "email 'nobody'"),
    "version not pep 440": ({"version": "first"}, "version 'first'"),
    "empty name": ({"project_name": "  "}, "project_name is empty"),
    "example app without drf": (
        {"example_app": "y", "use_drf": "n"},
        "example_app 'y' needs use_drf 'y'",
    ),
}


def test_the_default_answers_are_accepted():
    assert PRE_GEN.problems(answers()) == []


@pytest.mark.parametrize(("overrides", "expected"), BAD_ANSWERS.values(), ids=BAD_ANSWERS)
def test_a_bad_answer_gives_one_line_naming_it_and_the_fix(overrides, expected):
    found = PRE_GEN.problems(answers(**overrides))

    assert len(found) == 1
    assert expected in found[0]
    assert "\n" not in found[0]
    key = next(iter(overrides))
    assert f"e.g. {key}=" in found[0] or "answer use_drf=y" in found[0]


def test_the_suggested_slug_is_itself_accepted():
    for typed in ("My-Service", "9lives", "class", "django", "Ünïcode Shop"):
        assert PRE_GEN.slug_problem(PRE_GEN.suggest_slug(typed)) is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        BAD_ANSWERS["slug with a dash"],
        BAD_ANSWERS["unknown database"],
        BAD_ANSWERS["gate above 100"],
    ],
    ids=["slug", "database", "gate"],
)
def test_the_cli_refuses_and_leaves_nothing_behind(tmp_path, overrides, expected):
    out = tmp_path / "out"
    out.mkdir()
    pairs = [f"{key}={value}" for key, value in overrides.items()]

    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", str(TEMPLATE), "-o", str(out), *pairs],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith("error: ")
    assert expected in first_line
    assert list(out.iterdir()) == []


def test_the_owned_paths_follow_the_answers():
    kept, removed = POST_GEN.owned_paths(
        answers(ci="gitlab", use_drf="y", example_app="n", project_slug="shop")
    )

    assert ".gitlab-ci.yml" in kept
    assert "shop/users/api.py" in kept
    assert ".github" in removed
    assert "shop/orders" in removed
    assert set(kept) | set(removed) == {
        pattern.format(slug="shop") for pattern in POST_GEN.OWNED_BY
    }


def test_next_steps_name_the_folder_and_the_two_commands():
    steps = POST_GEN.next_steps(answers(project_slug="shop"))

    assert "cd shop" in steps
    assert "uv sync" in steps
    assert "uv run pytest" in steps


# Each prompt key, answered on the command line, and what it changes in the project.
KEY_EFFECTS = {
    "project_name": ("Shop Floor", lambda p: p.name == "shop_floor"),
    "project_slug": ("acme", lambda p: p.name == "acme" and (p / "acme" / "users").is_dir()),
    "description": (
        'Quotes " and \\ backslashes, é',
        lambda p: pyproject(p)["project"]["description"] == 'Quotes " and \\ backslashes, é',
    ),
    "author_name": (
        "Ada Lovelace",
        lambda p: pyproject(p)["project"]["authors"][0]["name"] == "Ada Lovelace",
    ),
    "email": (
        "ada@example.org",
        lambda p: pyproject(p)["project"]["authors"][0]["email"] == "ada@example.org",
    ),
    "version": ("2.1.0", lambda p: pyproject(p)["project"]["version"] == "2.1.0"),
    "python_version": ("3.13", lambda p: (p / ".python-version").read_text().strip() == "3.13"),
    "database": ("postgresql", lambda p: any("psycopg" in d for d in dependencies(p))),
    "ci": ("gitlab", lambda p: (p / ".gitlab-ci.yml").is_file() and not (p / ".github").exists()),
    "use_drf": ("n", lambda p: not any("djangorestframework" in d for d in dependencies(p))),
    "example_app": ("y", lambda p: (p / "my_service" / "reviews").is_dir()),
    "coverage_fail_under": (
        "93",
        lambda p: pyproject(p)["tool"]["coverage"]["report"]["fail_under"] == 93,
    ),
}


def pyproject(project):
    return tomllib.loads((project / "pyproject.toml").read_text())


def dependencies(project):
    return pyproject(project)["project"]["dependencies"]


def test_every_prompt_key_has_an_effect_check():
    assert set(KEY_EFFECTS) == set(DEFAULTS)


@pytest.mark.parametrize(
    ("key", "value", "effect"), [(k, *v) for k, v in KEY_EFFECTS.items()], ids=KEY_EFFECTS
)
def test_each_key_works_with_no_input_on_the_command_line(tmp_path, key, value, effect):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            "--no-input",
            str(TEMPLATE),
            "-o",
            str(tmp_path),
            f"{key}={value}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (project,) = tmp_path.iterdir()

    assert effect(project)
