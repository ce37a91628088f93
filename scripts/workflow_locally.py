#!/usr/bin/env python3
"""Run the deploy workflow's own commands here, in order, before pushing.

    python3 scripts/workflow_locally.py            every job of .github/workflows/site.yml, in order
    python3 scripts/workflow_locally.py story      one job (a matrix job runs once per story)

Every `run:` step of the job runs with bash -e in the repository, with the workflow's `env:`
(and CI=true), exactly as written; steps that `uses:` a GitHub action (checkout, Python setup,
the Pages upload and deploy) cannot run here and are listed as skipped. Stops at the first
failing step with its exit code. Needs only Python 3 and PyYAML, or the project's .venv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def main(argv: list[str]) -> int:
    try:
        import yaml
    except ImportError:  # outside the venv: use it
        venv = ROOT / ".venv" / "bin" / "python"
        if venv.exists() and Path(sys.executable) != venv:
            return subprocess.run([str(venv), __file__, *argv]).returncode
        raise
    workflow = yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    outputs = tempfile.NamedTemporaryFile(prefix="github-output-", delete=False)  # what steps write to $GITHUB_OUTPUT
    env = {**os.environ, **workflow.get("env", {}), "CI": "true", "GITHUB_OUTPUT": outputs.name}
    # the story matrix: what the `stories` job lists, the same command here
    names = json.loads(subprocess.run([sys.executable, str(ROOT / "tasks.py"), "stories", "--json"], cwd=ROOT,
                                      capture_output=True, text=True, check=True).stdout)
    for job_name in argv or list(workflow["jobs"]):
        job = workflow["jobs"][job_name]
        for story in names if "matrix" in job.get("strategy", {}) else [None]:
            job_env = {**env, **({"STORY": story} if story else {})}
            code = run_job(f"{job_name} ({story})" if story else job_name, job, job_env)
            if code:
                return code
    return 0


def run_job(job_name: str, job: dict, env: dict[str, str]) -> int:
    print(f"== job {job_name}", flush=True)
    for number, step in enumerate(job["steps"], 1):
        name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
        if "run" not in step:
            print(f"[{number}] skipped here (a GitHub action): {name}", flush=True)
            continue
        print(f"[{number}] {name}", flush=True)
        started = time.monotonic()
        code = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ROOT, env={**env, **step.get("env", {})}).returncode
        if code:
            print(f"[{number}] failed with exit code {code}: {name}", flush=True)
            return code
        print(f"[{number}] done in {time.monotonic() - started:.1f} s", flush=True)
    print(f"every command of the {job_name!r} job passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
