"""Shape the rendered project to the answers.

``OWNED_BY`` is the one place that says which answer owns which optional file or
folder: whatever the answers do not own is removed. The template's tests read the
same table to check that every bake kept and removed exactly that.
"""

import itertools
import json
import os
import secrets
import shlex
import shutil
import subprocess
from pathlib import Path

OWNED_BY = {
    ".github": ("ci", "github"),
    ".gitlab-ci.yml": ("ci", "gitlab"),
    "config/api_urls.py": ("use_drf", True),
    "config/hypothesis_profiles.py": ("use_drf", True),
    "config/tests/test_hypothesis_profiles.py": ("use_drf", True),
    "openapi.yaml": ("use_drf", True),
    "{slug}/core/api.py": ("use_drf", True),
    "{slug}/core/auth.py": ("use_drf", True),
    "{slug}/core/caching.py": ("use_drf", True),
    "{slug}/core/docs.py": ("use_drf", True),
    "{slug}/core/pages.py": ("use_drf", True),
    "{slug}/core/parsers.py": ("use_drf", True),
    "{slug}/core/schema.py": ("use_drf", True),
    "{slug}/core/serializers.py": ("use_drf", True),
    "{slug}/core/throttles.py": ("use_drf", True),
    "{slug}/core/tests/test_api.py": ("use_drf", True),
    "{slug}/core/tests/test_throttling.py": ("use_drf", True),
    "{slug}/core/tests/test_contract.py": ("use_drf", True),
    "{slug}/core/tests/test_schema.py": ("use_drf", True),
    "{slug}/users/api.py": ("use_drf", True),
    "{slug}/users/tests/test_api.py": ("use_drf", True),
    "{slug}/core/tests/conftest.py": ("browser_tests", True),
    "{slug}/core/tests/test_e2e_browser.py": ("browser_tests", True),
    "{slug}/core/management/commands/db_worker.py": ("example_app", True),
    "{slug}/core/tests/test_db_worker.py": ("example_app", True),
    "{slug}/orders": ("example_app", True),
    "{slug}/reviews": ("example_app", True),
}


def owned_paths(answers):
    """The optional paths, relative to the project, split into (kept, removed)."""
    kept, removed = [], []
    for pattern, (key, value) in OWNED_BY.items():
        path = pattern.format(slug=answers["project_slug"])
        (kept if answers[key] == value else removed).append(path)
    return kept, removed


def remove(project, paths):
    for relative in paths:
        target = project / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


# The top of a new .env, in place of .env.example's own.
ENV_HEADER = [
    "# This checkout's local settings, never committed (.env.example is the shared copy).",
    "# A variable already set in the environment wins over this file; production settings",
    "# do not read it.",
]


def write_env(project):
    """A local ``.env`` from ``.env.example``, with a fresh SECRET_KEY of its own.

    An existing ``.env`` (generating again over a project with ``-f``) is the developer's:
    it is left as it is.
    """
    if (project / ".env").exists():
        return
    lines = (project / ".env.example").read_text().splitlines()
    settings = [
        f"SECRET_KEY={secrets.token_urlsafe(50)}" if ln.startswith("SECRET_KEY=") else ln
        for ln in itertools.dropwhile(lambda ln: ln.startswith("#"), lines)
    ]
    (project / ".env").write_text("\n".join([*ENV_HEADER, *settings]) + "\n")


def next_steps(answers, project, start):
    """What to type next, from ``start`` (where the user ran cookiecutter)."""
    steps = [
        f"Created {answers['project_slug']}. Next:",
        f"  cd {shlex.quote(os.path.relpath(project, start))}",
        "  python3 -m pip install uv   # once, if uv is not installed",
        "  uv sync",
        "  uv run pytest --cov",
    ]
    if answers["database"] == "mysql":
        steps.insert(
            3,
            "  sudo apt-get install libmariadb-dev pkg-config   # Debian/Ubuntu: mysqlclient "
            "compiles against these",
        )
    if answers["database"] != "sqlite":
        steps.append(
            f"The tests expect the {answers['database']} server in .env (DATABASE_URL); "
            "README.md says how to run the service."
        )
    return "\n".join(steps)


def cruft_note(answers):
    """For a project made by cruft from a folder (a clone): what to change so that CI and
    teammates, who cannot reach that folder, can run `cruft check`; empty otherwise."""
    template = answers.get("_template", "")
    if "_commit" not in answers or not os.path.isdir(template):
        return ""
    origin = subprocess.run(
        ["git", "-C", template, "remote", "get-url", "origin"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    url = origin or "the URL of its git repository"
    return (
        f".cruft.json names the template by a folder on this machine ({template}), which CI "
        f'and teammates cannot reach: set its "template" to {url} and commit it (README, '
        "Template updates)."
    )


def main():
    answers = json.loads(r"""{{ cookiecutter | jsonify }}""")
    project = Path.cwd()
    _, removed = owned_paths(answers)
    remove(project, removed)
    write_env(project)
    # The shell's working folder, where cookiecutter was run (the hook runs in the project).
    print(next_steps(answers, project, os.environ.get("PWD") or project.parent))
    note = cruft_note(answers)
    if note:
        print(note)


if __name__ == "__main__":
    main()
