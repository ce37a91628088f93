"""The last good site is never lost. A build with content errors stops before anything is
written; a build whose engine fails, or that is killed or interrupted half-way, leaves the
previous site byte for byte as it was; only a complete build replaces it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SMALL, run_cli
from generator import cli

from . import test_model_errors, test_yaml_syntax
from .conftest import build, snapshot

# A representative error of every family; each build must stop and leave the good site alone.
YAML_CASES = ["tab_indentation_in_a_mapping", "unclosed_double_quote", "empty_file", "latin1_byte", "png_saved_as_yml",
              "billion_laughs_alias_bomb", "python_object_apply_tag", "raw_control_character", "two_documents_in_one_file"]
MODEL_CASES = ["empty_event", "title_written_as_a_list", "misspelt_optional_field", "id_with_capitals",
               "duplicate_event_id", "quote_speaker", "impossible_day_30_february", "reversed_interval",
               "title_of_spaces", "source_text_escaping_the_content_folder", "direct_quote_not_in_its_source",
               "javascript_url"]


@pytest.fixture
def site_copy(good_site: Path, tmp_path: Path) -> Path:
    """A private copy of the good site (tests that build into it must not disturb the others)."""
    site = tmp_path / "site"
    shutil.copytree(good_site, site, symlinks=True)
    return site


def broken_content(tmp_path: Path, family: str, case: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    if family == "yaml":
        name, data, _ = test_yaml_syntax.CASES[case]
        (content / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    else:
        from conftest import StoryTree

        name, old, new, _ = test_model_errors.CASES[case]
        test_model_errors.apply(StoryTree(content), name, old, new)
    return content


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f"{site.name}.") and p != site)


@pytest.mark.parametrize("family, case", [("yaml", c) for c in YAML_CASES] + [("model", c) for c in MODEL_CASES])
def test_a_build_with_content_errors_leaves_the_existing_site_byte_for_byte(
        good_site: Path, tmp_path: Path, family: str, case: str) -> None:
    before = snapshot(good_site)
    content = broken_content(tmp_path, family, case)
    result = build(content, good_site)  # asserts no traceback
    assert result.returncode == 1
    expected = (test_yaml_syntax.CASES[case][2] if family == "yaml" else test_model_errors.CASES[case][3])
    n = sum(1 for line in expected if not line.startswith("  hint:"))
    assert result.stderr.splitlines() == expected + [f"{n} problem{'s' if n != 1 else ''} found; nothing was built."]
    assert result.stdout == ""
    assert snapshot(good_site) == before
    assert leftovers(good_site) == []


def test_a_build_with_content_errors_creates_no_site_where_there_was_none(tmp_path: Path) -> None:
    content = broken_content(tmp_path, "yaml", "empty_file")
    site = tmp_path / "site"
    assert build(content, site).returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def engine_config(tmp_path: Path, hook: str) -> Path:
    """mkdocs.yml plus one extra hook (written by the test), with every path made absolute."""
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "extra_hook.py").write_text(hook, encoding="utf-8")
    cfg["docs_dir"] = str(tmp_path / "docs")
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])] + [str(tmp_path / "extra_hook.py")]
    cfg.pop("watch", None)
    if cfg.get("theme", {}).get("custom_dir"):
        cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


FAIL_HALF_WAY = '''
pages = []
def on_post_page(output, page, config):
    pages.append(page)
    if len(pages) == 3:
        raise RuntimeError("the engine broke after writing some pages")
    return output
'''

HANG_HALF_WAY = '''
import os, time
pages = []
def on_post_page(output, page, config):
    pages.append(page)
    if len(pages) == 3:
        open(os.environ["HALF_WAY_MARKER"], "w").close()
        time.sleep(600)
    return output
'''


def test_an_engine_that_fails_half_way_leaves_the_previous_site(site_copy: Path, tmp_path: Path) -> None:
    before = snapshot(site_copy)
    config = engine_config(tmp_path, FAIL_HALF_WAY)
    result = run_cli("build", "--content", SMALL, "--site", site_copy, "--config", config)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"The mkdocs build failed; the site at {site_copy} was left as it was."
    assert snapshot(site_copy) == before
    assert leftovers(site_copy) == []


def start_hanging_build(site: Path, tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    marker = tmp_path / "half-way"
    config = engine_config(tmp_path, HANG_HALF_WAY)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HALF_WAY_MARKER": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(SMALL), "--site", str(site),
                             "--config", str(config)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    for _ in range(6000):  # wait (up to 10 minutes) until the engine has written some pages and stopped
        if marker.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), proc.communicate()
    return proc, marker


def test_a_build_killed_half_way_leaves_the_previous_site_intact(site_copy: Path, tmp_path: Path) -> None:
    before = snapshot(site_copy)
    proc, _ = start_hanging_build(site_copy, tmp_path)
    half = leftovers(site_copy)
    assert len(half) == 1 and half[0].startswith("site.tmp-")  # the half-built site is beside, not in place
    os.killpg(proc.pid, signal.SIGKILL)  # no chance to clean up
    proc.communicate()
    assert snapshot(site_copy) == before


def test_the_next_build_removes_what_a_killed_build_left_and_replaces_the_site(site_copy: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "temp"  # the builds' temporary folder, to see what is left in it
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    proc, _ = start_hanging_build(site_copy, tmp_path / "first")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    killed_docs = sorted(p.name for p in temp.glob("story-docs-*"))
    assert killed_docs and all(name.startswith(f"story-docs-{proc.pid}-") for name in killed_docs)
    (temp / "story-docs-4194303-someone-elses").mkdir()  # no generator marker: not ours to remove
    (site_copy / "stale.html").write_text("from an older build")
    result = run_cli("build", "--content", SMALL, "--site", site_copy)
    assert result.returncode == 0, result.stderr
    assert leftovers(site_copy) == []
    assert sorted(p.name for p in temp.glob("story-docs-*")) == ["story-docs-4194303-someone-elses"]
    assert not (site_copy / "stale.html").exists() and (site_copy / "index.html").is_file()


def _dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_build_removes_only_the_half_built_sites_that_builds_made(site_copy: Path) -> None:
    """Beside the site, a stopped build's folder is removed; folders of the same shape that no build
    made (no marker saying one is building there), or whose build still runs, are left alone."""
    def folder(name: str, *markers: str) -> Path:
        path = site_copy.with_name(name)
        path.mkdir()
        (path / "index.html").write_text(name)
        for marker in markers:
            (path / marker).write_text("")
        return path

    building, finished = ".story-explainer-building", ".story-explainer-site"
    stopped = folder(f"site.tmp-{_dead_pid()}", building)
    kept = [folder(f"site.tmp-{_dead_pid()}"),  # someone's own folder, named like ours
            folder(f"site.tmp-{_dead_pid()}", finished),  # a finished site someone named so
            folder("site.tmp-backup", building),  # no process id
            folder(f"site.tmp-{os.getpid()}", building)]  # its build still runs (this process)
    before = {path.name: snapshot(path) for path in kept}
    result = run_cli("build", "--content", SMALL, "--site", site_copy)
    assert result.returncode == 0, result.stderr
    assert not stopped.exists()
    assert {path.name: snapshot(path) for path in kept} == before
    assert not (site_copy / building).exists() and (site_copy / finished).is_file()


def test_a_build_stopped_with_sigterm_cleans_up_and_says_so(site_copy: Path, tmp_path: Path) -> None:
    before = snapshot(site_copy)
    proc, _ = start_hanging_build(site_copy, tmp_path)
    os.kill(proc.pid, signal.SIGTERM)  # as a cancelled CI job is stopped
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"The build was interrupted; the site at {site_copy} was left as it was."
    assert snapshot(site_copy) == before
    assert leftovers(site_copy) == []


def test_the_swap_puts_the_new_site_in_place_and_removes_the_old(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "site.tmp-1"
    (site / "old-page").mkdir(parents=True)
    (new / "new-page").mkdir(parents=True)
    cli._swap(new, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == ["new-page"]


def test_the_swap_also_works_where_folders_cannot_be_exchanged_in_one_step(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_exchange", lambda a, b: False)
    site, new = tmp_path / "site", tmp_path / "site.tmp-1"
    (site / "old-page").mkdir(parents=True)
    (new / "new-page").mkdir(parents=True)
    cli._swap(new, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == ["new-page"]


def test_a_successful_build_replaces_the_whole_site(site_copy: Path, tmp_path: Path) -> None:
    (site_copy / "stale.html").write_text("from an older build")
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    (content / "story.yml").write_text((content / "story.yml").read_text().replace(
        "The harbour bridge dispute", "The harbour bridge row"))
    result = build(content, site_copy)
    assert result.returncode == 0, result.stderr
    assert not (site_copy / "stale.html").exists()
    assert "The harbour bridge row" in (site_copy / "index.html").read_text(encoding="utf-8")
    assert leftovers(site_copy) == []


@pytest.fixture(scope="module")
def good_snapshot(good_site: Path) -> dict[str, str]:
    return snapshot(good_site)


@pytest.mark.parametrize("family, case", [("yaml", c) for c in test_yaml_syntax.CASES]
                         + [("model", c) for c in test_model_errors.CASES])
def test_every_content_error_stops_the_build_before_the_site_is_touched(
        good_site: Path, good_snapshot: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        family: str, case: str) -> None:
    # in-process (the same main() as `python -m generator build`), so every case stays cheap
    content = broken_content(tmp_path, family, case)
    assert cli.main(["build", "--content", str(content), "--site", str(good_site)]) == 1
    expected = (test_yaml_syntax.CASES[case][2] if family == "yaml" else test_model_errors.CASES[case][3])
    n = sum(1 for line in expected if not line.startswith("  hint:"))
    out, err = capsys.readouterr()
    assert (out, err.splitlines()) == ("", expected + [f"{n} problem{'s' if n != 1 else ''} found; nothing was built."])
    assert snapshot(good_site) == good_snapshot
    assert leftovers(good_site) == []
