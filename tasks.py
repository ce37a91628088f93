#!/usr/bin/env python3
"""The project's one task runner. Needs only Python 3.11+ and pip.

    python3 tasks.py build    install what the build needs (pinned), then build site/
    python3 tasks.py test     install what the tests need (pinned, plus Debian's chromium), run every test
    python3 tasks.py test --fast    the everyday loop: everything but browser, whole-site build and slow tests
    python3 tasks.py serve    live preview at http://127.0.0.1:8000 while you edit content/
    python3 tasks.py check    validate content/ only
    python3 tasks.py new DIR  start a new story in DIR (a new or empty folder), e.g. stories/my-story

  More than one story (content/ and stories/NAME/; see generator/stories.py):
    python3 tasks.py stories              list them
    python3 tasks.py build NAME           build stories/NAME/ into site.NAME/ (check NAME, serve NAME alike)
    python3 tasks.py build-all            every story into site/NAME/, with an index page at site/index.html
    python3 tasks.py index SITE           (re)write SITE/index.html for the stories built into SITE/NAME/
    python3 tasks.py linkcheck [NAME|SITE]  check a built site for broken internal links and anchors

  Comparing and measuring:
    python3 tasks.py compare SITE OTHER     compare the page lists of two builds (MkDocs and Zensical)
    python3 tasks.py bench    scale benchmark (benchmarks/run.py; pass --sizes 200,2000 --runs 3 for a quick one)
    python3 tasks.py bench-preview   live preview: seconds from saving a YAML file to the page reloading
    python3 tasks.py audit    Lighthouse and axe-core on the built site (npm ci first; CI runs it after the tests)

Everything is installed into .venv/ inside the repo; nothing global except Chromium for the
browser tests (apt-get, when missing and run as root).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
LOCKS = {"build": ["runtime.lock"], "test": ["runtime.lock", "test.lock"]}
BROWSER = "/usr/bin/chromium"


def run(*cmd: str | Path, **kw: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)  # type: ignore[arg-type]


def ensure_venv(kind: str) -> None:
    """Create .venv and install the pinned locks; skipped when nothing changed since last time."""
    locks = [ROOT / "requirements" / name for name in LOCKS[kind]]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in [*locks, ROOT / "pyproject.toml"])).hexdigest()
    stamp = VENV / f".installed-{kind}"
    if stamp.exists() and stamp.read_text() == digest and PY.exists():
        return
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    pip = [PY, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(*pip, "--no-deps", *[a for p in locks for a in ("-r", p)])
    run(*pip, "--no-deps", "-e", ".")
    stamp.write_text(digest)


def apt_install(*packages: str) -> bool:
    """Install Debian packages when this runs as root with apt-get; False when it cannot."""
    if not (shutil.which("apt-get") and os.geteuid() == 0):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-q", env=env)
    run("apt-get", "install", "-y", "-q", "--no-install-recommends", *packages, env=env)
    return True


def ensure_chromium() -> None:
    """Browser tests use Debian's chromium (Playwright's own browser download is not used)."""
    if not Path(BROWSER).exists() and not apt_install("chromium"):
        sys.exit(f"The browser tests need Chromium at {BROWSER}: run  sudo apt-get install chromium  and try again.")


def ensure_node_tools() -> None:
    """The audit's pinned Lighthouse and axe-core (package-lock.json), installed with npm into
    node_modules/; Debian's nodejs and npm when missing and run as root."""
    if not (shutil.which("node") and shutil.which("npm")) and not apt_install("nodejs", "npm"):
        sys.exit("The audit needs Node.js and npm: run  sudo apt-get install nodejs npm  and try again.")
    stamp = ROOT / "node_modules" / ".installed"
    digest = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == digest):
        run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
        stamp.write_text(digest)


# Options that take a value: the word after one of them is that value, not a story's name.
VALUED = {"--as-of", "--site", "--engine", "--format", "--content", "--out", "-a", "--dev-addr", "-f", "--config-file"}


def story_option(task: str, args: list[str]) -> list[str]:
    """`build NAME ...` -> `build --content stories/NAME ...`: the first word that is neither an
    option nor an option's value names a story, before or after the options (for linkcheck only
    when it names one; otherwise it is a site folder)."""
    if task not in STORY_TASKS:
        return args
    at, expects_value = None, False
    for n, arg in enumerate(args):
        if expects_value:
            expects_value = False
        elif arg.startswith("-"):
            expects_value = arg in VALUED
        else:
            at = n
            break
    if at is None:
        return args
    sys.path.insert(0, str(ROOT))
    from generator.stories import StoryError, all_stories, find

    name, rest = args[at], args[:at] + args[at + 1:]
    try:
        if task == "linkcheck" and name not in {s.name for s in all_stories(ROOT)}:
            return args
        return ["--content", str(find(name, ROOT).content), *rest]
    except StoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


STORY_TASKS = {"build", "check", "serve", "linkcheck"}


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    argv = [task, *story_option(task, argv[1:])]
    if task == "build":
        ensure_venv("build")
        return subprocess.run([PY, "-m", "generator", "build", *argv[1:]], cwd=ROOT, env=env).returncode
    if task == "check":
        ensure_venv("build")
        return subprocess.run([PY, "-m", "generator", "check", *argv[1:]], cwd=ROOT, env=env).returncode
    if task == "stories":  # standard library only: the workflow's first job lists them before installing
        sys.path.insert(0, str(ROOT))
        from generator.stories import all_stories

        names = [s.name for s in all_stories(ROOT)]
        print(json.dumps(names) if "--json" in argv else "\n".join(names))
        return 0
    if task in ("new", "build-all", "index"):
        ensure_venv("build")
        return subprocess.run([PY, "-m", "generator", task, *argv[1:]], cwd=ROOT, env=env).returncode
    if task in ("linkcheck", "compare"):
        ensure_venv("build")
        command = "linkcheck" if task == "linkcheck" else "compare-pages"
        return subprocess.run([PY, "-m", "generator", command, *argv[1:]], cwd=ROOT, env=env).returncode
    if task in ("bench", "bench-preview"):
        ensure_venv("build")
        script = ROOT / "benchmarks" / ("run.py" if task == "bench" else "preview.py")
        return subprocess.run([PY, script, *argv[1:]], cwd=ROOT, env=env).returncode
    if task == "audit":
        ensure_venv("test")
        ensure_chromium()
        ensure_node_tools()
        return subprocess.run([PY, ROOT / "scripts" / "audit.py", *argv[1:]], cwd=ROOT, env=env).returncode
    if task == "serve":
        ensure_venv("build")
        # Become the preview server (no child process), so stopping this command stops the preview.
        os.chdir(ROOT)
        os.execve(str(PY), [str(PY), "-m", "generator", "serve", *argv[1:]], env)
    if task == "test":
        ensure_venv("test")
        args = argv[1:]
        if "--fast" in args:  # the everyday loop: no browser, no whole-site builds, no property tests
            args = [a for a in args if a != "--fast"] + ["-m", "not browser and not build and not slow"]
        else:
            ensure_chromium()
        return subprocess.run([PY, "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    print(__doc__)
    return 0 if task in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
