"""The deploy workflow: check with annotations, strict build, link check, engine comparison; deploy only from main."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def load() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a string


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_are_checked_with_annotations_built_strictly_and_link_checked() -> None:
    wf = load()
    assert set(wf["on"]) >= {"pull_request", "push"}
    assert wf["on"]["push"]["branches"] == ["main"]
    steps = "\n".join(runs(wf["jobs"]["build"]))
    order = ["python3 tasks.py check --format github", "python3 tasks.py build --site site",
             "python3 tasks.py linkcheck site", "python3 tasks.py compare site site-other"]
    positions = [steps.index(command) for command in order]
    assert positions == sorted(positions)


def test_only_the_main_branch_uploads_and_deploys_to_pages() -> None:
    wf = load()
    upload = next(s for s in wf["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert "refs/heads/main" in upload["if"] and "pull_request" in upload["if"]
    deploy = wf["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert wf["permissions"] == {"contents": "read"}


def test_every_task_the_workflow_runs_exists_in_tasks_py() -> None:
    tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    used = set(re.findall(r"python3 tasks\.py (\w+)", "\n".join(runs(load()["jobs"]["build"]))))
    assert used == {"check", "build", "linkcheck", "compare"}
    for task in used:
        assert re.search(rf'task (==|in) \(?[^)\n]*"{task}"', tasks), task


def test_switching_engines_is_one_setting() -> None:
    wf = load()
    assert wf["env"]["STORY_ENGINE"] == "mkdocs"
    assert "STORY_ENGINE" in (ROOT / "generator" / "cli.py").read_text(encoding="utf-8")


def test_the_workflow_validates_against_githubs_workflow_schema(tmp_path) -> None:
    """SchemaStore's schema of GitHub workflow files, vendored in check-jsonschema (no network):
    a misspelt key or a wrong shape fails here rather than on GitHub."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "site.yml"  # the same check catches a mistake
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert subprocess.run([*command, str(broken)], capture_output=True, text=True).returncode == 1
