"""The hooks as code (their functions called with any answers) and through the real CLI."""

import os
import subprocess
import sys
import tomllib

import pytest
from bakery import DEFAULTS, POST_GEN, PRE_GEN, TEMPLATE, answers, at_a_terminal

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
    "python too old": ({"python_version": "3.10"}, "python_version '3.10' is not one of"),
    "gate above 100": ({"coverage_fail_under": "120"}, "coverage_fail_under '120'"),
    "gate not a number": ({"coverage_fail_under": "high"}, "coverage_fail_under 'high'"),
    "email without at": ({"email": "nobody"}, "email 'nobody'"),
    "version not pep 440": ({"version": "first"}, "version 'first'"),
    "empty name": ({"project_name": "  "}, "has no letter or digit"),
    "punctuation-only name": ({"project_name": "!!!"}, "has no letter or digit"),
    "name on two lines": ({"project_name": "Two\nlines"}, "holds a line break"),
    "description with a tab": ({"description": "a\tb"}, "another control character"),
    "slug that shadows coverage": ({"project_slug": "coverage"}, "would shadow"),
    "slug that shadows asgiref": ({"project_slug": "asgiref"}, "would shadow"),
    "slug that shadows sqlparse": ({"project_slug": "sqlparse"}, "would shadow"),
    "slug that shadows xdist": ({"project_slug": "xdist"}, "would shadow"),
    "slug that shadows whitenoise": ({"project_slug": "whitenoise"}, "would shadow"),
    "gate in arabic-indic digits": ({"coverage_fail_under": "٨٠"}, "in digits 0-9"),
    "gate as a superscript": ({"coverage_fail_under": "²"}, "in digits 0-9"),
    "version in arabic-indic digits": ({"version": "١.٠"}, "not a PEP 440 version"),
    "email outside ascii": ({"email": "ü@exämple.de"}, "not an address package metadata"),
    "email with a quote": ({"email": 'a"b@example.com'}, "not an address package metadata"),
    "example app without drf": (
        {"example_app": "y", "use_drf": "n"},
        "example_app needs use_drf",
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
    assert f"e.g. {key}=" in found[0] or "answer use_drf=yes" in found[0]


@pytest.mark.parametrize(
    "overrides",
    [
        {"version": "1.0.0-beta"},
        {"version": "1.0+local"},
        {"version": "1!2.0.post1.dev3"},
        {"coverage_fail_under": "080"},
        {"coverage_fail_under": "0"},
        {"email": "first.last+tag@sub.example.org"},
        {"description": 'Emoji \U0001f680, "quotes" and \\ backslashes'},
        {"project_name": "Ünïcode Shop"},
    ],
    ids=str,
)
def test_valid_answers_are_accepted(overrides):
    assert PRE_GEN.problems(answers(**overrides)) == []


@pytest.mark.parametrize(
    ("key", "typed", "nearest"),
    [
        ("database", "postgres", "postgresql"),
        ("database", "Postgresql", "postgresql"),
        ("database", "mariadb", "mysql"),
        ("database", "sqllite", "sqlite"),
        ("ci", "gitlab-ci", "gitlab"),
        ("ci", "Github", "github"),
    ],
)
def test_the_fix_suggested_is_the_nearest_valid_answer(key, typed, nearest):
    (line,) = PRE_GEN.problems(answers(**{key: typed}))

    assert f"e.g. {key}={nearest})" in line


def test_the_rerun_command_gives_every_answer_with_the_wrong_one_fixed():
    typed = answers(database="postgres", description="Tea & cake", _template="gh:acme/tpl")
    found = PRE_GEN.check(typed)

    command = PRE_GEN.rerun_command(typed, found)

    assert command.startswith("python3 -m cookiecutter gh:acme/tpl --no-input ")
    assert "database=postgresql" in command
    assert "'description=Tea & cake'" in command
    assert all(f"{key}=" in command for key in DEFAULTS)


def test_the_rerun_command_carries_a_valid_value_for_every_refused_answer():
    typed = {}
    for overrides, _ in BAD_ANSWERS.values():
        typed.update(overrides)
    typed = answers(**typed)
    found = PRE_GEN.check(typed)

    assert len(found) >= 8
    assert PRE_GEN.check(PRE_GEN.fixed(typed, found)) == []
    for overrides, _ in BAD_ANSWERS.values():
        one = answers(**overrides)
        assert PRE_GEN.check(PRE_GEN.fixed(one, PRE_GEN.check(one))) == []


def test_the_suggested_slug_is_itself_accepted():
    for typed in ("My-Service", "9lives", "class", "django", "Ünïcode Shop"):
        assert PRE_GEN.slug_problem(PRE_GEN.suggest_slug(typed)) is None


def test_a_replayed_yes_no_answer_that_is_neither_is_refused():
    # cookiecutter turns a typed y/n/yes/true/1 … into a boolean; a replay file may not.
    found = PRE_GEN.problems({**answers(), "use_drf": "maybe"})

    assert found == ["use_drf 'maybe' is not yes or no: answer one (e.g. use_drf=yes)"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        BAD_ANSWERS["slug with a dash"],
        BAD_ANSWERS["gate above 100"],
        BAD_ANSWERS["punctuation-only name"],
        BAD_ANSWERS["empty name"],
        BAD_ANSWERS["gate as a superscript"],
    ],
    ids=["slug", "gate", "punctuation name", "empty name", "superscript gate"],
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


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        ("database=oracle", "oracle provided for choice variable database"),
        ("use_drf=maybe", "maybe provided for variable use_drf could not be converted"),
    ],
)
def test_a_bad_choice_or_yes_no_on_the_command_line_is_refused_by_cookiecutter(
    tmp_path, pair, expected
):
    # cookiecutter checks these before any hook runs, with a message of its own.
    result = cookiecutter_cli(tmp_path, "--no-input", str(TEMPLATE), "-o", "out", pair, check=False)

    assert result.returncode != 0
    assert expected in result.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_typo_at_a_prompt_is_asked_again(tmp_path):
    # Enter for the six text answers and the Python menu; a word where the database menu
    # wants a number, then 2; Enter for CI; a non-answer, then "no", for DRF; Enter after.
    typed = "\n" * 7 + "Postgresql\n2\n" + "\n" + "maybe\nno\n" + "\n" * 5

    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", str(TEMPLATE), "-o", str(tmp_path)],
        input=typed,
        capture_output=True,
        text=True,
        check=True,
    )

    project = tmp_path / "my_service"
    assert any("psycopg" in dependency for dependency in dependencies(project))
    assert not any("djangorestframework" in dependency for dependency in dependencies(project))
    assert "Please" in result.stdout  # each typo was answered with a request to choose again


# The 13 prompts, as a newcomer answers them: a slug with a dash, an email without a
# domain, PostgreSQL from the menu, a coverage gate of 120; Enter for the rest.
TYPED_AT_PROMPTS = [(f"[{number}/13]", "") for number in range(1, 14)]
for number, answer in ((2, "Shop-Floor"), (5, "newcomer@example"), (8, "2"), (13, "120")):
    TYPED_AT_PROMPTS[number - 1] = (f"[{number}/13]", answer)


def test_at_a_terminal_every_bad_answer_is_reported_at_once_and_the_command_works(tmp_path):
    screen, status = at_a_terminal(
        [sys.executable, "-m", "cookiecutter", str(TEMPLATE), "-o", "out"],
        tmp_path,
        TYPED_AT_PROMPTS,
        env={**os.environ, "PWD": str(tmp_path)},
    )

    assert status != 0
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    errors = [line for line in screen.splitlines() if line.startswith("error: ")]
    assert [line.split()[1] for line in errors] == ["project_slug", "email", "coverage_fail_under"]
    assert "Again, with every answer (check email, coverage_fail_under:" in screen
    command = screen.split("Again, with every answer")[1].splitlines()[1].strip()
    # cookiecutter's own lines follow the template's, as the README shows them.
    readme = (TEMPLATE / "README.md").read_text()
    assert screen.rstrip().splitlines()[-1] in readme

    subprocess.run(command, shell=True, cwd=tmp_path, check=True, capture_output=True)

    project = tmp_path / "out" / "shop_floor"
    assert "psycopg" in " ".join(dependencies(project))
    assert pyproject(project)["tool"]["coverage"]["report"]["fail_under"] == 80


def cookiecutter_cli(cwd, *words, check=True):
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", *words],
        cwd=cwd,
        env={**os.environ, "PWD": str(cwd)},
        capture_output=True,
        text=True,
        check=check,
    )


def test_the_printed_command_generates_with_the_answer_fixed(tmp_path):
    refused = cookiecutter_cli(
        tmp_path,
        "--no-input",
        str(TEMPLATE),
        "-o",
        "out",
        "project_slug=Shop-Floor",
        "database=postgresql",
        "use_drf=no",
        check=False,
    )
    command = refused.stderr.split("Again, with every answer:\n")[1].strip().splitlines()[0]

    subprocess.run(command, shell=True, cwd=tmp_path, check=True, capture_output=True)

    project = tmp_path / "out" / "shop_floor"
    assert "psycopg" in " ".join(dependencies(project))
    assert "djangorestframework" not in " ".join(dependencies(project))


def test_a_300_character_name_gets_a_slug_of_40(tmp_path):
    cookiecutter_cli(tmp_path, "--no-input", str(TEMPLATE), "project_name=" + "Shop " * 60)

    (project,) = tmp_path.iterdir()
    assert len(project.name) <= 40
    assert project.name.startswith("shop_shop")


def test_generating_again_with_f_keeps_the_developer_s_env(tmp_path):
    cookiecutter_cli(tmp_path, "--no-input", str(TEMPLATE))
    env_file = tmp_path / "my_service" / ".env"
    mine = env_file.read_text() + "DATABASE_URL=postgres://me@db.example/app\n"
    env_file.write_text(mine)

    cookiecutter_cli(tmp_path, "--no-input", "-f", str(TEMPLATE))

    assert env_file.read_text() == mine


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


def test_next_steps_name_the_folder_and_the_two_commands(tmp_path):
    project = tmp_path / "out" / "shop"
    steps = POST_GEN.next_steps(answers(project_slug="shop"), project, tmp_path)

    assert "cd out/shop" in steps
    assert "uv sync" in steps
    assert "uv run pytest" in steps
    assert "libmariadb-dev" not in steps


def test_next_steps_for_mysql_name_the_build_headers(tmp_path):
    steps = POST_GEN.next_steps(answers(database="mysql"), tmp_path / "my_service", tmp_path)

    assert "libmariadb-dev pkg-config" in steps
    assert steps.index("libmariadb-dev") < steps.index("uv sync")


def test_generating_again_keeps_the_developer_s_env(tmp_path):
    (tmp_path / ".env.example").write_text("SECRET_KEY=change-me\n")
    (tmp_path / ".env").write_text("SECRET_KEY=mine\nDATABASE_URL=postgres://me@db/app\n")

    POST_GEN.write_env(tmp_path)

    assert (tmp_path / ".env").read_text() == "SECRET_KEY=mine\nDATABASE_URL=postgres://me@db/app\n"


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
    "python_version": ("3.12", lambda p: (p / ".python-version").read_text().strip() == "3.12"),
    "database": ("postgresql", lambda p: any("psycopg" in d for d in dependencies(p))),
    "ci": ("gitlab", lambda p: (p / ".gitlab-ci.yml").is_file() and not (p / ".github").exists()),
    "use_drf": ("n", lambda p: not any("djangorestframework" in d for d in dependencies(p))),
    "example_app": ("y", lambda p: (p / "my_service" / "reviews").is_dir()),
    "browser_tests": (
        "y",
        lambda p: (p / "my_service" / "core" / "tests" / "test_e2e_browser.py").is_file(),
    ),
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
