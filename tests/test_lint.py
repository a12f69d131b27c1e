"""Layer 2: the linters a team would run, on every combination of the option answers."""

import re
import shutil

import pytest
import yaml
from bakery import TEMPLATE, combination_id, combinations, project_env, python_path, run, tool

pytestmark = pytest.mark.lint

COMBINATIONS = list(combinations())
IDS = [combination_id(chosen) for chosen in COMBINATIONS]


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=IDS)
def test_ruff_finds_nothing_to_fix_or_reformat(baked, chosen):
    project = baked(**chosen)

    run([tool("ruff"), "check", "--no-cache", "."], cwd=project)
    run([tool("ruff"), "format", "--check", "--no-cache", "."], cwd=project)


# mypy reads the Python files and pyproject.toml, which the CI answer leaves alone (checked
# below): it runs once per combination of the other answers, with the first CI listed.
TYPED = list(
    {
        tuple((key, value) for key, value in chosen.items() if key != "ci"): chosen
        for chosen in reversed(COMBINATIONS)
    }.values()
)


def python_sources(project):
    """What mypy reads: every Python file and pyproject.toml, by path."""
    return {
        str(path.relative_to(project)): path.read_text()
        for path in sorted(project.rglob("*"))
        if path.suffix == ".py" or path.name == "pyproject.toml"
    }


@pytest.mark.parametrize("chosen", TYPED, ids=[combination_id(chosen) for chosen in TYPED])
def test_the_ci_answer_changes_nothing_mypy_reads(baked, chosen):
    others = {key: value for key, value in chosen.items() if key != "ci"}
    sources = [python_sources(baked(**others, ci=ci)) for ci in ("github", "gitlab", "none")]

    assert sources[0] == sources[1] == sources[2]


@pytest.mark.parametrize("chosen", TYPED, ids=[combination_id(chosen) for chosen in TYPED])
def test_mypy_finds_nothing(baked, chosen, tmp_path):
    """The type check as the project configures it, in a copy (its caches stay there)."""
    project = shutil.copytree(baked(**chosen), tmp_path / "project")
    env = project_env()
    run([tool("uv"), "sync", "--python", python_path("3.12")], cwd=project, env=env)

    result = run([tool("uv"), "run", "--no-sync", "mypy", "."], cwd=project, env=env)

    assert result.stdout.startswith("Success: no issues found")


def test_ruff_is_content_with_the_longest_slug_allowed(baked):
    project = baked(project_slug="a" * 40, database="postgresql")

    run([tool("ruff"), "check", "--no-cache", "."], cwd=project)
    run([tool("ruff"), "format", "--check", "--no-cache", "."], cwd=project)


DATABASES = ("sqlite", "postgresql", "mysql")


@pytest.mark.parametrize("browser_tests", ["n", "y"])
@pytest.mark.parametrize("database", DATABASES)
def test_the_github_workflow_passes_actionlint_and_the_schema(baked, database, browser_tests):
    project = baked(ci="github", database=database, browser_tests=browser_tests)
    workflow = project / ".github" / "workflows" / "ci.yml"
    jobs = yaml.safe_load(workflow.read_text())["jobs"]
    assert ("browser" in jobs) == (browser_tests == "y")
    [test_step] = [step for step in jobs["test"]["steps"] if step.get("name") == "Test"]
    # The browser journeys run in their own job, not in each cell of the matrix.
    assert ('-m "not browser"' in test_step["run"]) == (browser_tests == "y")

    run([tool("actionlint"), "-no-color", str(workflow)], cwd=workflow.parent)
    run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        cwd=workflow.parent,
    )


@pytest.mark.parametrize("browser_tests", ["n", "y"])
@pytest.mark.parametrize("database", DATABASES)
def test_the_gitlab_pipeline_passes_the_schema(baked, database, browser_tests):
    pipeline = baked(ci="gitlab", database=database, browser_tests=browser_tests) / ".gitlab-ci.yml"
    jobs = yaml.safe_load(pipeline.read_text())
    assert ("browser" in jobs) == (browser_tests == "y")
    assert ('-m "not browser"' in jobs["test"]["script"][-1]) == (browser_tests == "y")

    run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(pipeline)],
        cwd=pipeline.parent,
    )


@pytest.mark.parametrize("database", DATABASES)
def test_dependabot_and_pre_commit_configs_are_valid(baked, database):
    project = baked(ci="github", database=database)

    schema = [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot"]
    run([*schema, ".github/dependabot.yml"], cwd=project)
    run([tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=project)


def test_the_template_s_own_workflow_passes_actionlint_and_the_schema():
    workflow = TEMPLATE / ".github" / "workflows" / "ci.yml"

    run([tool("actionlint"), "-no-color", str(workflow)], cwd=TEMPLATE)
    schema = [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    run([*schema, str(workflow)], cwd=TEMPLATE)
    # It runs the test command the README gives, as .ci/run does.
    readme = (TEMPLATE / "README.md").read_text().split("## Test the template")[1]
    command = re.search(r"```bash\n(.*?)\n```", readme, re.S).group(1)
    assert f"run: {command}" in workflow.read_text()


def test_every_action_ref_can_resolve(baked):
    """setup-uv publishes no moving major tags from v8 on, so `@v8` would not resolve:
    it is pinned to a release. GitHub's own actions keep their major tags."""
    workflow = (baked(ci="github") / ".github" / "workflows" / "ci.yml").read_text()
    refs = set(re.findall(r"uses: (\S+)", workflow))

    assert refs
    for ref in refs:
        action, version = ref.split("@")
        if action.startswith("actions/"):
            assert re.fullmatch(r"v\d+", version), ref
        else:
            assert re.fullmatch(r"v\d+\.\d+\.\d+", version), ref


# A line too long that ruff's format wraps: a newcomer's first draft.
LONG_CALL = (
    'settings = dict(first_setting_name="value", second_setting_name="value", '
    'third_setting_name="value", fourth="value")\n'
)


def test_the_commit_hooks_never_report_a_line_length_that_the_format_fixes(baked, tmp_path):
    """The ruff hooks of the pre-commit configuration, in their order, on a file whose
    only problem is a line the format wraps: they pass."""
    project = baked()
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    hooks = [hook["entry"] for hook in config["repos"][0]["hooks"] if "ruff" in hook["entry"]]
    shutil.copy(project / "pyproject.toml", tmp_path)
    draft = tmp_path / "draft.py"
    draft.write_text(LONG_CALL)
    assert len(LONG_CALL) > 100

    for entry in hooks:
        run([tool("ruff"), *entry.split()[1:], "--no-cache", str(draft)], cwd=tmp_path)

    assert draft.read_text() != LONG_CALL
