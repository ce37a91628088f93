"""The live preview in a real browser: a page open in Chromium reloads itself with the change when
an editor saves a YAML file, through the live-reload script MkDocs puts on each served page."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Browser

from conftest import SMALL
from test_live_preview import WAIT, Preview, save


def test_a_page_open_in_the_browser_reloads_with_the_change_when_a_yaml_file_is_saved(browser: Browser,
                                                                                      tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    server = Preview(content, tmp_path / "docs")
    page = browser.new_page()
    try:
        server.wait_for("/timeline/", "Riverton council approves the bridge")
        page.goto(f"http://127.0.0.1:{server.port}/timeline/")
        assert "Riverton council approves the bridge" in page.inner_text("main")
        page.evaluate("window.notReloadedYet = true")  # gone once the page has reloaded
        save(content / "events.yml", "title: Riverton council approves the bridge",
             "title: Riverton council narrowly approves the bridge")
        page.wait_for_function("document.querySelector('main') && "
                               "document.querySelector('main').innerText.includes('narrowly approves')",
                               timeout=WAIT * 1000)
        assert page.evaluate("window.notReloadedYet") is None, "the text changed without the page reloading"
    finally:
        page.close()
        server.stop()
