"""The deploy workflow: one job per story (check with annotations, strict build, link check, engine
comparison), then the stories put together with their index page; deploy only from main."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml
from conftest import ROOT

from generator.stories import all_stories

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def load() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a string


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_first_job_lists_the_stories_and_the_second_runs_once_per_story() -> None:
    """The matrix comes from the story list: content/ and stories/*/, made by the same command
    that runs here (standard library only, before anything is installed)."""
    wf = load()
    listing = wf["jobs"]["stories"]
    command = next(step for step in listing["steps"] if step.get("id") == "list")["run"]
    assert command == 'echo "names=$(python3 tasks.py stories --json)" >> "$GITHUB_OUTPUT"'
    assert listing["outputs"]["names"] == "${{ steps.list.outputs.names }}"
    story = wf["jobs"]["story"]
    assert story["needs"] == "stories"
    assert story["strategy"]["matrix"]["story"] == "${{ fromJSON(needs.stories.outputs.names) }}"
    assert story["strategy"]["fail-fast"] == "false"  # one story's mistake never hides another's result
    assert story["env"]["STORY"] == "${{ matrix.story }}" and "matrix.story" in story["name"]
    result = subprocess.run([sys.executable, "tasks.py", "stories", "--json"], cwd=ROOT, capture_output=True,
                            text=True, env={"PATH": os.environ["PATH"]})  # no venv needed
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [s.name for s in all_stories(ROOT)]
    assert "content" in json.loads(result.stdout)


def test_each_story_is_checked_with_annotations_on_its_own_files_built_strictly_and_link_checked() -> None:
    steps = "\n".join(runs(load()["jobs"]["story"]))
    order = ['python3 tasks.py check "$STORY" --format github', 'python3 tasks.py build "$STORY" --site "site/$STORY"',
             'python3 tasks.py linkcheck "site/$STORY"', 'python3 tasks.py compare "site/$STORY" "site-other/$STORY"']
    positions = [steps.index(command) for command in order]
    assert positions == sorted(positions)


def test_a_failing_storys_annotations_name_its_own_files(tmp_path) -> None:
    """What the check step prints for a story under stories/: workflow commands whose file= is the
    story's own file, relative to the repository (where the runner puts the annotation)."""
    import shutil

    from conftest import SMALL

    (tmp_path / "stories").mkdir()
    shutil.copytree(SMALL, tmp_path / "stories" / "bridge")
    path = tmp_path / "stories" / "bridge" / "quotes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: mayor-diaz", "speaker: mayor-dias", 1))
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--content", "stories/bridge", "--format",
                             "github"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=stories/bridge/quotes.yml,line=10,col=12::"), result.stdout


def test_the_stories_are_put_together_and_only_the_main_branch_deploys_them() -> None:
    wf = load()
    story = wf["jobs"]["story"]
    keep = next(s for s in story["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert keep["with"]["name"] == "story-${{ matrix.story }}" and keep["with"]["path"] == "site/"
    assert keep["with"]["include-hidden-files"] == "true"  # the generator's marker file travels with the site
    site = wf["jobs"]["site"]
    assert site["needs"] == "story"
    collect = next(s for s in site["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert collect["with"] == {"pattern": "story-*", "path": "site", "merge-multiple": "true"}
    assert runs(site) == ["python3 tasks.py index site", "python3 tasks.py linkcheck site"]
    upload = next(s for s in site["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert "refs/heads/main" in upload["if"] and "pull_request" in upload["if"]
    assert upload["with"]["path"] == "site"
    deploy = wf["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert wf["permissions"] == {"contents": "read"}


def test_every_task_the_workflow_runs_exists_in_tasks_py() -> None:
    tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    commands = "\n".join(run for job in load()["jobs"].values() for run in runs(job))
    used = set(re.findall(r"python3 tasks\.py ([\w-]+)", commands))
    assert used == {"stories", "check", "build", "linkcheck", "compare", "index"}
    for task in used:
        assert re.search(rf'task (==|in) \(?[^)\n]*"{task}"', tasks), task


def test_switching_engines_is_one_setting() -> None:
    """The workflow names the engine once; that the setting switches the build is tested by
    tests/test_engines.py (test_the_engine_is_switched_by_one_environment_setting)."""
    assert load()["env"]["STORY_ENGINE"] == "mkdocs"


def test_the_workflow_validates_against_githubs_workflow_schema(tmp_path) -> None:
    """SchemaStore's schema of GitHub workflow files, vendored in check-jsonschema (no network):
    a misspelt key or a wrong shape fails here rather than on GitHub."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "site.yml"  # the same check catches a mistake
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert subprocess.run([*command, str(broken)], capture_output=True, text=True).returncode == 1
