"""Template updates reach a project made with cruft, offline: a git repository of the
template at one commit, a project made from it with the README's command, the team's
edits, a later template change, and `cruft update` as the generated README gives it."""

import json
import os
import re
import shutil

import pytest
import yaml
from bakery import TEMPLATE, outside_env, project_env, python_path, run, tool, typed_with_defaults

pytestmark = pytest.mark.run

AUTHOR = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}
# What the template's later commit changes, and what the team changed meanwhile.
TEMPLATE_CHANGE = "# Later template change: a comment the update must bring.\n"
TEAM_TEST = """\
def test_the_team_wrote_this():
    assert "team" in "the team's own test"
"""


def git_env():
    return {**outside_env(), **AUTHOR}


def commit(folder, message):
    run(["git", "add", "-A"], cwd=folder, env=git_env())
    run(["git", "commit", "-q", "-m", message], cwd=folder, env=git_env())


def template_repository(folder):
    """The template as its users clone it: a git repository, here at one commit."""
    shutil.copytree(
        TEMPLATE,
        folder,
        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", ".*_cache"),
    )
    run(["git", "init", "-q", "-b", "main"], cwd=folder, env=git_env())
    commit(folder, "The template")
    return folder


def ci_template_check(project, env):
    """The generated workflow's template job, its one shell step run here."""
    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    (script,) = [step["run"] for step in workflow["jobs"]["template"]["steps"] if "run" in step]
    return run(["bash", "-e", "-c", script], cwd=project, env=env).stdout


def test_a_cruft_project_takes_a_template_change_and_keeps_the_teams_edits(tmp_path):
    template = template_repository(tmp_path / "template")
    readme = (TEMPLATE / "README.md").read_text()
    section = readme.split("### Generate a project that takes later template fixes")[1]
    (command,) = re.findall(r"```bash\n(.*?)```", section, re.S)[0].strip().splitlines()
    assert "cruft create" in command

    # The README's cruft command, as typed in the clone; Enter takes every default.
    run(["git", "remote", "add", "origin", template.as_uri()], cwd=template, env=git_env())
    made = typed_with_defaults(command, template)
    project = tmp_path / "my_service"
    # Made from a folder: the hook and the README say what to change for CI and teammates.
    assert f'set its "template" to {template.as_uri()}' in made.stdout
    assert "CI and teammates cannot run `cruft check`" in (project / "README.md").read_text()
    recorded = json.loads((project / ".cruft.json").read_text())
    assert recorded["template"] == str(template)
    (project / ".cruft.json").write_text(json.dumps({**recorded, "template": template.as_uri()}))
    uv = tool("uv")
    env = {
        **project_env(),
        **AUTHOR,
        "PATH": os.pathsep.join([os.path.dirname(uv), outside_env()["PATH"]]),
    }
    version = (project / ".python-version").read_text().strip()
    run([uv, "sync", "--python", python_path(version)], cwd=project, env=env)
    run(["git", "init", "-q", "-b", "main"], cwd=project, env=env)
    commit(project, "A new service, from the template")
    assert "up to date" in ci_template_check(project, env)
    secret = (project / ".env").read_text()

    # The team's own work: a test of theirs, a setting, a line in the README.
    (project / "my_service" / "users" / "tests" / "test_team.py").write_text(TEAM_TEST)
    base = project / "config" / "settings" / "base.py"
    base.write_text(base.read_text().replace('TIME_ZONE = "UTC"', 'TIME_ZONE = "Europe/Paris"'))
    with (project / "README.md").open("a") as readme_file:
        readme_file.write("\n## On call\n\nThe team's own notes.\n")
    commit(project, "The team's edits")

    # Later, the template changes a file the team has not touched, and one it has.
    for changed in ("config/settings/test.py", "README.md"):
        path = template / "{{cookiecutter.project_slug}}" / changed
        path.write_text(TEMPLATE_CHANGE + path.read_text())
    commit(template, "A later template change")

    said = ci_template_check(project, env)
    assert "::warning title=Template updates::" in said

    updated = run(["uvx", "cruft", "update", "-y"], cwd=project, env=env)

    assert not list(project.rglob("*.rej")), updated.stdout + updated.stderr
    assert (project / "config" / "settings" / "test.py").read_text().startswith(TEMPLATE_CHANGE)
    project_readme = (project / "README.md").read_text()
    assert project_readme.startswith(TEMPLATE_CHANGE)
    assert "The team's own notes." in project_readme
    assert 'TIME_ZONE = "Europe/Paris"' in base.read_text()
    assert (project / "my_service" / "users" / "tests" / "test_team.py").read_text() == TEAM_TEST
    assert (project / ".env").read_text() == secret
    said = ci_template_check(project, env)
    assert "up to date" in said
    assert "::warning" not in said

    run([uv, "run", "--no-sync", "pytest"], cwd=project, env=env)
