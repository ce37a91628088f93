"""Live preview: with `mkdocs serve` running, saving a YAML file changes the page in the browser; a
content mistake prints the whole error list and the preview keeps serving the last good version.

The latency from saving to the new page being served is measured and printed (run with -s to
see it), never asserted: timing depends on the machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SMALL

from generator.yamlio import remember_documents

WAIT = 90.0  # generous upper bound for a rebuild on a slow CI machine; a failure, not a measurement


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Preview:
    def __init__(self, content: Path, docs: Path, **more_env: str) -> None:
        self.content = content
        self.port = free_port()
        self.log: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_CONTENT": str(content), "STORY_DOCS_DIR": str(docs),
               **more_env}
        self.proc = subprocess.Popen(
            # no `-w content`: the hook watches the story STORY_CONTENT names (not content/)
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line.rstrip("\n"))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=WAIT) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, text: str) -> float:
        """Seconds until the page at path contains text."""
        started = time.monotonic()
        while time.monotonic() - started < WAIT:
            assert self.proc.poll() is None, "\n".join(self.log)
            try:
                if text in self.get(path):
                    return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared on {path}:\n" + "\n".join(self.log[-40:]))

    def wait_for_log(self, text: str, after: int = 0) -> list[str]:
        started = time.monotonic()
        while time.monotonic() - started < WAIT:
            if any(text in line for line in self.log[after:]):
                return self.log[after:]
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared in the log:\n" + "\n".join(self.log[-40:]))

    def whole_log(self) -> str:
        """Everything the server printed, once it has ended."""
        self._reader.join(timeout=WAIT)
        return "\n".join(self.log)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    server = Preview(content, tmp_path / "docs")
    try:
        server.wait_for("/timeline/", "Riverton council approves the bridge")
        yield server
    finally:
        server.stop()


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_saving_a_yaml_file_reloads_the_open_page_with_the_change(preview: Preview) -> None:
    # Do what the open page's live-reload script does: long-poll the server with the page's build
    # epoch, reload when it answers with a newer one, and look at the reloaded page.
    page = preview.get("/timeline/")
    indexed = _locations(json.loads(preview.get("/search/search_index.json"))["docs"])
    epoch, request = re.search(r"livereload\((\d+), (\d+)\);", page).groups()  # type: ignore[union-attr]
    new_title = "Riverton council narrowly approves the bridge"
    reloads: list[str] = []
    found = threading.Event()

    def browser() -> None:
        current = epoch
        while not found.is_set():
            answer = preview.get(f"/livereload/{current}/{request}")
            if int(answer) > int(current):
                current = answer
                reloads.append(answer)
                if new_title in preview.get("/timeline/"):
                    found.set()

    threading.Thread(target=browser, daemon=True).start()
    saved = time.monotonic()
    save(preview.content / "events.yml", "title: Riverton council approves the bridge", f"title: {new_title}")
    assert found.wait(timeout=WAIT), "the open page never reloaded with the change:\n" + "\n".join(preview.log[-30:])
    seconds = time.monotonic() - saved
    docs = json.loads(preview.get("/search/search_index.json"))["docs"]
    assert _locations(docs) == indexed  # search still knows every page...
    assert any(new_title in d["title"] for d in docs)  # ...and the new title
    print(f"\nlive preview: the open page reloaded with the change {seconds:.2f} s after saving events.yml "
          f"({len(reloads)} reload(s))")


def test_a_mistake_prints_every_error_and_keeps_the_last_good_version(preview: Preview) -> None:
    save(preview.content / "events.yml", "title: Eastport objects", "title: Eastport objects loudly")
    preview.wait_for("/timeline/", "Eastport objects loudly")

    mark = len(preview.log)
    save(preview.content / "events.yml", "title: Eastport objects loudly\n", "title: Eastport objects again\n"
         "  sumary: A typo.\n")
    save(preview.content / "quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias")
    log = preview.wait_for_log('speaker "mayor-dias" is not in actors.yml', mark)
    text = "\n".join(log)
    assert "the content has 2 problem(s); the preview keeps the last good version:" in text
    assert 'content/events.yml:' in text and ': event "eastport-objects": unknown field "sumary"' in text
    assert 'content/quotes.yml:10:12: quote "diaz-breach": speaker "mayor-dias" is not in actors.yml' in text
    assert 'hint: did you mean "mayor-diaz"?' in text
    assert "Traceback" not in text

    page = preview.get("/timeline/")  # answered at once with the last good version, not left hanging
    assert "Eastport objects loudly" in page and "Eastport objects again" not in page
    assert preview.proc.poll() is None

    save(preview.content / "events.yml", "  sumary: A typo.\n", "")
    save(preview.content / "quotes.yml", "speaker: mayor-dias", "speaker: mayor-diaz")
    seconds = preview.wait_for("/timeline/", "Eastport objects again")
    print(f"\nlive preview: after fixing the mistake the page updated {seconds:.2f} s after saving")


def test_serve_refuses_to_start_on_content_with_mistakes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    save(content / "quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias")
    server = Preview(content, tmp_path / "docs")
    try:
        assert server.proc.wait(timeout=WAIT) == 1
    finally:
        server.stop()
    text = server.whole_log()
    assert 'content/quotes.yml:10:12: quote "diaz-breach": speaker "mayor-dias" is not in actors.yml' in text
    assert "Traceback" not in text


def test_serve_polls_for_saved_files_every_tenth_of_a_second(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from mkdocs.livereload import LiveReloadServer

    from generator import mkdocs_hook

    docs, content, later = tmp_path / "docs", tmp_path / "content", tmp_path / "overrides"
    for folder in (docs, content, later):
        folder.mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(content))
    assert {e.timeout for e in server.observer.emitters} == {0.5}  # MkDocs' own interval
    assert server.build_delay == 0.1  # MkDocs' own wait for more changes before it rebuilds
    mkdocs_hook.on_serve(server, config=SimpleNamespace(docs_dir=str(docs), watch=[],
                                                          config_file_path=str(ROOT / "mkdocs.yml")))
    server.watch(str(later))  # as MkDocs does for mkdocs.yml's `watch:` after the hook
    watched = {e.watch.path: e.timeout for e in server.observer.emitters}
    assert watched == {str(content): mkdocs_hook.POLL_SECONDS, str(later): mkdocs_hook.POLL_SECONDS}
    assert mkdocs_hook.POLL_SECONDS == 0.1
    assert server.build_delay == 0  # one poll brings a save's changes together: rebuild at once


def test_serve_pauses_polling_during_a_rebuild_and_sees_a_save_made_meanwhile(tmp_path: Path) -> None:
    """Polling during a rebuild slowed it (each stat passes the interpreter lock to the watcher
    and back); paused, a file saved during the rebuild is still seen by the first poll after it.
    The cycle collector is paused during the rebuild too, and resumes a moment after it, once the
    reloaded page has been served; a rebuild starting before then keeps it paused."""
    import gc
    import time
    from types import SimpleNamespace

    from mkdocs.livereload import LiveReloadServer

    from generator import mkdocs_hook

    docs, content = tmp_path / "docs", tmp_path / "content"
    for folder in (docs, content):
        folder.mkdir()
    seen_during: list[list[object]] = []
    collecting: list[bool] = []

    def build() -> None:  # MkDocs' rebuild; an editor saves while it runs
        collecting.append(gc.isenabled())
        (content / "events.yml").write_text("- id: a\n", encoding="utf-8")
        emitter.queue_events(0)
        seen_during.append(_drain(server.observer.event_queue))

    server = LiveReloadServer(builder=build, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(content))
    mkdocs_hook.on_serve(server, config=SimpleNamespace(docs_dir=str(docs), watch=[],
                                                          config_file_path=str(ROOT / "mkdocs.yml")))
    (emitter,) = server.observer.emitters
    emitter.on_thread_start()  # the first snapshot, as when the observer starts
    assert gc.isenabled()
    try:
        server.builder()
        assert seen_during == [[]]  # not polled while building
        assert collecting == [False] and not gc.isenabled()  # nor collected, until the page is served
        emitter.queue_events(0)
        after = _drain(server.observer.event_queue)
        assert [Path(e.src_path).name for e in after if not e.is_directory] == ["events.yml"]
        server.builder()  # a second rebuild before the collector resumed: paused again, wrapper not stacked
        assert seen_during == [[], []] and collecting == [False, False]
        emitter.queue_events(0)
        assert [Path(e.src_path).name for e in _drain(server.observer.event_queue) if not e.is_directory] == [
            "events.yml"]
        deadline = time.monotonic() + mkdocs_hook.COLLECT_AFTER + 5
        while not gc.isenabled() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gc.isenabled()  # the collector resumed after the last rebuild
    finally:
        gc.enable()


def _drain(queue: object) -> list[object]:
    import queue as queues

    found = []
    while True:
        try:
            event, _watch = queue.get_nowait()  # type: ignore[attr-defined]
        except queues.Empty:
            return found
        found.append(event)


def test_serve_compiles_each_theme_template_once_and_again_when_it_changes(tmp_path: Path, monkeypatch) -> None:
    import jinja2

    from generator import mkdocs_hook

    monkeypatch.setattr(mkdocs_hook._SERVE, "serving", True, raising=False)
    monkeypatch.setattr(mkdocs_hook._SERVE, "bytecode", None, raising=False)
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>")
    compiled: list[str] = []

    class Counting(jinja2.Environment):
        def _compile(self, source: str, filename: str) -> object:
            compiled.append(filename)
            return super()._compile(source, filename)

    def rebuild() -> str:  # MkDocs makes a new environment for every build
        env = mkdocs_hook.on_env(Counting(loader=jinja2.FileSystemLoader(tmp_path)))
        return env.get_template("page.html").render(title="T")

    assert rebuild() == rebuild() == "<h1>T</h1>"
    assert len(compiled) == 1
    (tmp_path / "page.html").write_text("<h2>{{ title }}</h2>")
    assert rebuild() == "<h2>T</h2>"
    assert len(compiled) == 2


def test_an_untested_watchdog_keeps_its_own_interval(tmp_path: Path, monkeypatch) -> None:
    """`_timeout` is watchdog's private attribute: set only on the major versions tested here."""
    from types import SimpleNamespace

    import watchdog.version
    from mkdocs.livereload import LiveReloadServer

    from generator import mkdocs_hook

    assert watchdog.version.VERSION_MAJOR in mkdocs_hook.WATCHDOG_TESTED  # the pinned one: polled every 0.1 s
    monkeypatch.setattr(watchdog.version, "VERSION_MAJOR", max(mkdocs_hook.WATCHDOG_TESTED) + 1)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for folder in ("docs", "content"):
        (tmp_path / folder).mkdir()
        server.watch(str(tmp_path / folder))
    mkdocs_hook.on_serve(server, config=SimpleNamespace(docs_dir=str(tmp_path / "docs"), watch=[],
                                                          config_file_path=str(ROOT / "mkdocs.yml")))
    assert [e.timeout for e in server.observer.emitters] == [0.5]  # MkDocs' own, for content/


def test_mkdocs_loads_the_hook_once_so_its_state_lasts_the_whole_preview() -> None:
    """The hook keeps the last good pages and the compiled templates in module globals, which last
    only if every rebuild's fresh config reuses the same module (MkDocs 1.6 caches it)."""
    from mkdocs.config import load_config

    first = load_config(str(ROOT / "mkdocs.yml"))
    again = load_config(str(ROOT / "mkdocs.yml"))
    assert first is not again
    (hook,), (same,) = first.hooks.values(), again.hooks.values()
    assert hook is same and hook._SERVE is same._SERVE


# --- Rebuilding only what changed (generator/incremental.py, issue 14) ---------------------------
# In-process `mkdocs serve` rebuilds (MkDocs' own build(), called as serve calls it), so that what
# each rebuild did can be counted: which pages' Markdown was converted, which went through the
# theme. Each result is compared with a rebuild of every page from the same content.

SERVE_URL = "http://127.0.0.1:8000/"


class ServeBuilds:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from mkdocs.structure.pages import Page

        self.content = tmp_path / "content"
        shutil.copytree(SMALL, self.content)
        self.tmp = tmp_path
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        monkeypatch.setenv("STORY_CONTENT", str(self.content))
        monkeypatch.delenv("STORY_PREVIEW_FULL", raising=False)
        self.converted: list[str] = []  # pages whose non-empty Markdown MkDocs converted
        render = Page.render

        def counting_render(page: Page, config: object, files: object) -> None:
            if (page.markdown or "").strip():
                self.converted.append(page.file.src_uri)
            render(page, config, files)

        monkeypatch.setattr(Page, "render", counting_render)
        self.site = tmp_path / "site"
        self.config = self._config(self.site, tmp_path / "docs")
        self.config.plugins.on_startup(command="serve", dirty=False)
        (hook,) = self.config.hooks.values()  # the hook module MkDocs loaded, as serve uses it
        self.state = hook._SERVE

    def _config(self, site: Path, docs: Path) -> object:
        from mkdocs.config import load_config

        os.environ["STORY_DOCS_DIR"] = str(docs)
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> dict[str, str]:
        """One serve rebuild (MkDocs loads mkdocs.yml afresh for each); the built pages by path."""
        from mkdocs.commands.build import build

        self.converted.clear()
        config = self.config if self.config is not None else self._config(self.site, self.tmp / "docs")
        self.config = None
        build(config, serve_url=SERVE_URL)
        return self.pages(self.site)

    def full(self) -> dict[str, str]:
        """Every page rebuilt from the same content, as serve did before (and as a build does)."""
        from mkdocs.commands.build import build

        pages, self.state.pages = self.state.pages, None
        try:
            site = self.tmp / "site-full"
            shutil.rmtree(site, ignore_errors=True)
            build(self._config(site, self.tmp / "docs-full"), serve_url=SERVE_URL)
            return self.pages(site)
        finally:
            self.state.pages = pages
            os.environ["STORY_DOCS_DIR"] = str(self.tmp / "docs")

    @staticmethod
    def pages(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(site.rglob("*")) if p.suffix == ".html" or p.name == "search_index.json"}

    def search(self) -> list[dict[str, str]]:
        return json.loads((self.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture
def serve_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServeBuilds]:
    builds = ServeBuilds(tmp_path, monkeypatch)
    try:
        yield builds
    finally:
        for name in ("serving", "last_good", "pages", "rerender"):
            setattr(builds.state, name, False if name == "serving" else None)
        remember_documents(False)


def _locations(docs: list[dict[str, str]]) -> set[str]:
    return {d["location"].split("#")[0] for d in docs}


def test_a_rebuild_with_nothing_changed_converts_and_themes_no_page(serve_builds: ServeBuilds) -> None:
    first = serve_builds.rebuild()
    assert "timeline.md" in serve_builds.converted and "glossary.md" in serve_builds.converted
    pages = len(serve_builds.converted)
    assert pages >= 8

    again = serve_builds.rebuild()
    assert serve_builds.converted == []
    assert serve_builds.state.pages.last.themed == [] and serve_builds.state.pages.last.indexed == []
    assert again == first  # every page and the search index, byte for byte
    assert len(_locations(serve_builds.search())) == pages


def test_an_edit_reconverts_the_changed_pages_only_and_matches_a_full_rebuild(serve_builds: ServeBuilds) -> None:
    before = serve_builds.rebuild()
    save(serve_builds.content / "events.yml", "title: Eastport objects", "title: Eastport objects loudly")
    after = serve_builds.rebuild()

    assert "timeline.md" in serve_builds.converted
    assert "glossary.md" not in serve_builds.converted  # the glossary does not show event titles
    assert "Eastport objects loudly" in after["timeline/index.html"]
    assert "Eastport objects loudly" not in before["timeline/index.html"]
    assert after["glossary/index.html"] == before["glossary/index.html"]
    assert after == serve_builds.full()  # every page and the whole search index, as if all were rebuilt


def test_search_after_an_edit_holds_every_page_and_the_new_word(serve_builds: ServeBuilds) -> None:
    serve_builds.rebuild()
    every_page = _locations(serve_builds.search())
    save(serve_builds.content / "events.yml", "summary: The two mayors met to discuss traffic.",
         "summary: The two mayors met to discuss traffic and zeppelins.")
    serve_builds.rebuild()
    assert len(serve_builds.converted) < len(every_page)  # not a full rebuild
    docs = serve_builds.search()
    assert _locations(docs) == every_page
    assert any("zeppelins" in d["text"] for d in docs)
    assert not any("discuss traffic." in d["text"] for d in docs)


def test_deleting_an_event_updates_its_pages(serve_builds: ServeBuilds) -> None:
    before = serve_builds.rebuild()
    assert "Talks between the towns" in before["timeline/index.html"]
    text = (serve_builds.content / "events.yml").read_text(encoding="utf-8")
    start = text.index("- id: earlier-talks")
    (serve_builds.content / "events.yml").write_text(text[:start], encoding="utf-8")
    after = serve_builds.rebuild()
    assert "timeline.md" in serve_builds.converted
    assert not any("Talks between the towns" in html for html in after.values())
    assert not any("Talks between the towns" in d["title"] + d["text"] for d in serve_builds.search())
    assert after == serve_builds.full()


def test_a_content_mistake_keeps_the_last_good_site(serve_builds: ServeBuilds, capsys: pytest.CaptureFixture[str]) -> None:
    good = serve_builds.rebuild()
    save(serve_builds.content / "quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias")
    kept = serve_builds.rebuild()
    assert "the preview keeps the last good version" in capsys.readouterr().err
    assert kept == good
    assert serve_builds.converted == []
    save(serve_builds.content / "quotes.yml", "speaker: mayor-dias", "speaker: mayor-diaz")
    save(serve_builds.content / "events.yml", "title: Eastport objects", "title: Eastport objects again")
    fixed = serve_builds.rebuild()
    assert "Eastport objects again" in fixed["timeline/index.html"]
    assert fixed == serve_builds.full()


def test_a_build_never_keeps_pages(tmp_path: Path) -> None:
    from generator import mkdocs_hook, yamlio

    state = mkdocs_hook._SERVE
    try:
        mkdocs_hook.on_startup(command="build")
        assert mkdocs_hook._kept() is None
        assert yamlio._remembered is None  # a build reads every file afresh
        mkdocs_hook.on_startup(command="serve")
        assert mkdocs_hook._kept() is not None
        assert yamlio._remembered is not None  # the preview reads again only the files a save changed
    finally:
        state.serving, state.pages, state.last_good, state.rerender = False, None, None, None
        remember_documents(False)


def test_the_preview_site_goes_to_a_memory_folder_with_room_and_nowhere_else(tmp_path: Path, monkeypatch) -> None:
    """MkDocs empties and rewrites the preview's temporary site on every save; generator/cli.py
    points TMPDIR at a memory-backed folder when there is one with room to spare."""
    import shutil as sh
    from collections import namedtuple

    from generator import cli

    memory = tmp_path / "shm"
    memory.mkdir()
    env = {"PATH": os.environ.get("PATH", "")}
    assert cli.preview_environment(SMALL, env, memory)["TMPDIR"] == str(memory)
    assert cli.preview_environment(SMALL, {**env, "TMPDIR": "/mine"}, memory)["TMPDIR"] == "/mine"
    assert "TMPDIR" not in cli.preview_environment(SMALL, env, tmp_path / "none")
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(sh, "disk_usage", lambda path: usage(64 << 20, 0, 64 << 20))  # Docker's default /dev/shm
    assert "TMPDIR" not in cli.preview_environment(SMALL, env, memory)
    assert cli.preview_environment(SMALL, env, memory)["STORY_CONTENT"] == str(SMALL.resolve())

    started: list[dict[str, str]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, environ: started.append(dict(environ)))
    cli.main(["serve", "--content", str(SMALL)])  # what `python3 tasks.py serve` becomes
    expected = cli.preview_environment(SMALL, os.environ)
    expected.pop("STORY_DOCS_DIR", None)
    assert started == [expected]


def test_a_preview_stopped_by_a_signal_removes_its_temporary_site(tmp_path: Path) -> None:
    """Stopped by SIGTERM (a process manager, a closed terminal's SIGHUP alike), `mkdocs serve`
    removes its temporary site as Ctrl-C does: it may be in memory (/dev/shm)."""
    content, temp = tmp_path / "content", tmp_path / "temp"
    shutil.copytree(SMALL, content)
    temp.mkdir()
    server = Preview(content, tmp_path / "docs", TMPDIR=str(temp))
    try:
        server.wait_for("/timeline/", "Riverton council approves the bridge")
        assert [p.name[:7] for p in temp.iterdir() if p.name.startswith("mkdocs_")] == ["mkdocs_"]
    finally:
        server.stop()  # SIGTERM
    assert not [p for p in temp.iterdir() if p.name.startswith("mkdocs_")], server.whole_log()[-2000:]
