"""Edit links: each page's "Edit this page" link opens the YAML file that produced it, in both engines."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SMALL, run_cli

from generator.editlinks import GATHERED, source_of
from generator.pipeline import render

EDIT_BASE = "https://github.com/newsroom/explainer/edit/main/content/"
EDIT_LINK = re.compile(r'<a href="([^"]+)" title="Edit this page \(([^)]+)\)" class="md-content__button md-icon" rel="edit">')


@pytest.mark.parametrize("page,source", [
    ("index.md", "story.yml"), ("timeline.md", "events.yml"), ("timeline/2025-11.md", "events.yml"),
    ("who-said-what.md", "quotes.yml"), ("who-said-what/t.md", "quotes.yml"), ("people.md", "actors.yml"),
    ("people/person-t.md", "actors.yml"), ("glossary.md", "glossary.yml"), ("sources.md", "sources.yml"),
    ("updates.md", "updates.yml"), ("background/security-laws-2015.md", "background/security-laws-2015.yml"),
    ("story.json", None), ("feed.xml", None),
])
def test_each_page_maps_to_the_yaml_file_it_is_made_from(page: str, source: str | None) -> None:
    assert source_of(page) == source


@pytest.mark.parametrize("content", [ROOT / "content", SMALL], ids=["real", "small"])
def test_every_generated_page_names_an_existing_content_file(content: Path) -> None:
    pages = render(content)[1]
    markdown = [name for name in pages if name.endswith(".md")]
    assert markdown
    for name in markdown:
        front = yaml.safe_load(pages[name].split("\n---\n", 1)[0].removeprefix("---\n"))
        if name.removesuffix(".md") in GATHERED:  # made from several files: no edit link
            assert "edit_source" not in front, name
            continue
        assert (content / front["edit_source"]).is_file(), name


def config_with_edit_base(tmp_path: Path, edit_base: str) -> Path:
    """mkdocs.yml with edit_base set, paths made absolute so it can live outside the repository."""
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["extra"]["edit_base"] = edit_base
    settings["docs_dir"] = str(tmp_path / "docs")
    settings["hooks"] = [str(ROOT / hook) for hook in settings["hooks"]]
    settings["theme"]["custom_dir"] = str(ROOT / settings["theme"]["custom_dir"])
    settings.pop("watch", None)
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_built_pages_link_to_their_yaml_file(tmp_path: Path, engine: str) -> None:
    site = tmp_path / "site"
    result = run_cli("build", "--content", SMALL, "--site", site, "--engine", engine,
                     "--config", config_with_edit_base(tmp_path, EDIT_BASE))
    assert result.returncode == 0, result.stderr
    expected = {"index.html": "story.yml", "timeline/index.html": "events.yml",
                "who-said-what/index.html": "quotes.yml", "people/index.html": "actors.yml",
                "glossary/index.html": "glossary.yml", "sources/index.html": "sources.yml",
                "updates/index.html": "updates.yml", "background/the-harbour/index.html": "background/the-harbour.yml"}
    for page, source in expected.items():
        html = (site / page).read_text(encoding="utf-8")
        links = EDIT_LINK.findall(html)
        assert len(links) == 1, page
        # Zensical escapes slashes in attributes as &#x2f;, which browsers read back as "/"
        href, title = (html_lib.unescape(part) for part in links[0])
        assert (href, title) == (EDIT_BASE + source, source)
    assert "api.github.com" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_without_an_edit_base_there_is_no_edit_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("build", "--content", SMALL, "--site", site).returncode == 0
    assert not any(EDIT_LINK.search(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    assert 'rel="edit"' not in (site / "timeline" / "index.html").read_text(encoding="utf-8")
