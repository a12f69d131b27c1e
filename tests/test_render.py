"""Layer 1: every combination of the option answers, baked and read back."""

import py_compile
import re
import tomllib

import pytest
import yaml
from bakery import OPTIONS, POST_GEN, answers, combination_id, combinations, text_files

pytestmark = pytest.mark.render

COMBINATIONS = list(combinations())
IDS = [combination_id(chosen) for chosen in COMBINATIONS]

# Jinja that survived rendering; `${{ … }}` is GitHub Actions' own syntax.
RESIDUE = re.compile(r"(?<!\$)\{\{|\{%|%\}|\{#|#\}|cookiecutter\.")


def test_the_combinations_cover_every_answer_of_every_option():
    for key, values in OPTIONS.items():
        assert {chosen[key] for chosen in COMBINATIONS} == set(values), key
    # example_app=y needs use_drf=y; three more with browser tests on
    assert len(COMBINATIONS) == 3 * 3 * 3 + 3


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_the_table_decides_what_is_kept_and_removed(baked, chosen):
    project = baked(**chosen)
    kept, removed = POST_GEN.owned_paths(answers(**chosen))

    assert [path for path in kept if not (project / path).exists()] == []
    assert [path for path in removed if (project / path).exists()] == []


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_no_template_syntax_is_left(baked, chosen):
    project = baked(**chosen)
    leftovers = [
        f"{path.relative_to(project)}:{number}: {line.strip()}"
        for path in text_files(project)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RESIDUE.search(line)
    ]
    assert leftovers == []
    assert [p for p in project.rglob("*") if RESIDUE.search(p.name)] == []


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_files_read_as_written_by_hand(baked, chosen):
    """No blank-line scars from conditionals, no trailing spaces, one final newline."""
    project = baked(**chosen)
    scars = []
    for path in text_files(project):
        text = path.read_text()
        name = path.relative_to(project)
        if text and not text.endswith("\n") or text.endswith("\n\n"):
            scars.append(f"{name}: does not end with exactly one newline")
        if text.startswith("\n"):
            scars.append(f"{name}: starts with a blank line")
        # Python (and Python in Markdown) has two blank lines between definitions.
        if "\n\n\n\n" in text or (path.suffix not in {".py", ".md"} and "\n\n\n" in text):
            scars.append(f"{name}: a run of blank lines")
        scars += [
            f"{name}:{number}: trailing whitespace"
            for number, line in enumerate(text.splitlines(), 1)
            if line != line.rstrip()
        ]
    assert scars == []


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_config_files_parse_and_python_compiles(baked, chosen, tmp_path):
    project = baked(**chosen)

    tomllib.loads((project / "pyproject.toml").read_text())
    for path in [*project.rglob("*.yml"), *project.rglob("*.yaml")]:
        assert isinstance(yaml.safe_load(path.read_text()), dict), path
    for path in project.rglob("*.py"):
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_every_import_of_the_project_s_own_code_finds_its_module(baked, chosen):
    """A removed file must not be imported by one that stayed."""
    project = baked(**chosen)
    own = re.compile(r"^\s*(?:from|import) ((?:config|my_service)(?:\.\w+)*)", re.M)
    dangling = [
        f"{path.relative_to(project)}: {module}"
        for path in project.rglob("*.py")
        for module in own.findall(path.read_text())
        if not (project / f"{module.replace('.', '/')}.py").is_file()
        and not (project / module.replace(".", "/") / "__init__.py").is_file()
    ]
    assert dangling == []


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_dependencies_follow_the_answers(baked, chosen):
    project = baked(**chosen)
    dependencies = " ".join(
        tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    )

    assert ("psycopg" in dependencies) == (chosen["database"] == "postgresql")
    assert ("mysqlclient" in dependencies) == (chosen["database"] == "mysql")
    assert ("djangorestframework" in dependencies) == chosen["use_drf"]
    development = " ".join(
        tomllib.loads((project / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    )
    assert ("pytest-playwright" in development) == chosen.get("browser_tests", False)


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_switched_off_options_leave_no_trace(baked, chosen):
    project = baked(**chosen)
    code = "\n".join(
        path.read_text() for path in project.rglob("*.py") if ".venv" not in path.parts
    )
    docs = "\n".join(path.read_text() for path in project.glob("*.md"))

    if not chosen["use_drf"]:
        assert "rest_framework" not in code
        assert "api_client" not in code + docs
    if not chosen["example_app"]:
        for word in ("orders", "reviews", "Product", "Review"):
            assert not re.search(rf"\b{word}\b", code + docs), word
    if chosen["ci"] != "github":
        assert "GitHub Actions" not in docs
    if chosen["ci"] != "gitlab":
        assert "GitLab" not in docs
    if not chosen.get("browser_tests"):
        assert "playwright" not in (code + docs).lower()
        assert "browser" not in (project / "pyproject.toml").read_text()


def test_the_env_file_has_a_secret_key_of_its_own(baked):
    first = (baked() / ".env").read_text()
    second = (baked(project_name="Other") / ".env").read_text()

    key = re.search(r"^SECRET_KEY=(.+)$", first, re.M).group(1)
    assert len(key) >= 50
    assert key not in second
    assert "change-me" not in first
