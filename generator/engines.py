"""Run the second site engine, Zensical, on the same generated pages as MkDocs.

Zensical (the successor the Material team named; Material's end of life is 5 May 2027) reads
mkdocs.yml but runs no `hooks:`, takes no `-d` option and refuses folders outside the config's
folder. So for Zensical we do what the MkDocs hook does, ahead of time: render the pages to disk
and write a private copy of mkdocs.yml with the story's title, navigation and address filled in,
next to mkdocs.yml (so theme paths resolve the same), then build and move the site out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.card import share_card
from generator.parts import part_size
from generator.pipeline import render_site
from generator.site import (UNICODE_SLUGIFY, css_string, folder_url, nav_titles, not_found, search_language,
                            theme_language, unicode_headings)
from generator.text import inert


# The theme prints titles without escaping them (MkDocs gets HtmlText from the hook; a YAML
# config can carry only strings), so the characters that open a tag or close an attribute are
# written as entities here: a story title like <img onerror=...> must stay text.
_THEME_UNSAFE = str.maketrans({"<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _for_theme(text: str) -> str:
    return inert(str(text)).translate(_THEME_UNSAFE)


def _zensical_templates() -> Path:
    import zensical

    return Path(zensical.__file__).parent / "templates"


def _escape_front_matter(docs: Path) -> None:
    """Page titles and descriptions reach the theme through the pages' front matter."""
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "\n---\n" not in text[3:]:
            continue
        head, body = text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head) or {}
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = _for_theme(meta[key])
        page.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                        encoding="utf-8")


def _linear_abbr(extensions: list[Any]) -> list[Any]:
    """What mkdocs_hook.on_config does to the extensions: generator.abbr in place of abbr, marking
    a term's first use on a page only."""
    out: list[Any] = []
    for ext in extensions:
        if ext == "abbr" or (isinstance(ext, dict) and "abbr" in ext):
            options = dict((ext["abbr"] or {}) if isinstance(ext, dict) else {})
            options.setdefault("first_only", True)
            ext = {"generator.abbr": options}
        out.append(ext)
    return out


def engine_config(config: Path, content: Path, docs: Path, site: Path) -> dict[str, Any]:
    """mkdocs.yml as the MkDocs hook would leave it, for an engine that runs no hooks."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    rendered = render_site(content, docs, part_size())
    view = rendered.view
    _escape_front_matter(docs)
    story = view.story
    root = config.resolve().parent
    settings.pop("hooks", None)
    settings["markdown_extensions"] = _linear_abbr(settings.get("markdown_extensions") or [])
    settings.pop("watch", None)
    settings.update(docs_dir=os.path.relpath(docs, root), site_dir=os.path.relpath(site, root),
                    site_name=_for_theme(story.title), site_description=_for_theme(story.dek),
                    nav=nav_titles(rendered.navigation(), _for_theme))
    if story.site_url:
        settings["site_url"] = folder_url(story.site_url)
    if story.edit_base:  # per story; else mkdocs.yml's extra.edit_base
        settings.setdefault("extra", {})["edit_base"] = folder_url(story.edit_base)
    settings.setdefault("extra", {})["engine"] = "zensical"  # for templates that differ (partials/search.html)
    settings["extra"]["print_title"] = css_string(story.title)  # overrides/main.html: on every printed page
    settings["extra"]["share_card"] = share_card(view)  # overrides/main.html: og:image, written by render_to
    settings["extra"]["not_found"] = not_found(view.t)  # overrides/404.html
    theme = settings.setdefault("theme", {})
    custom = [root / theme["custom_dir"]] if theme.get("custom_dir") else []
    theme["language"] = theme_language([*custom, _zensical_templates()], story.language)
    search_lang = search_language([*custom, _zensical_templates()], story.language)
    if unicode_headings(story.language):
        extensions = settings["markdown_extensions"]
        for n, extension in enumerate(extensions):
            if extension == "toc" or (isinstance(extension, dict) and "toc" in extension):
                toc = dict(extension["toc"] or {}) if isinstance(extension, dict) else {}
                extensions[n] = {"toc": {**toc, "slugify": UNICODE_SLUGIFY}}
    for plugin in settings.get("plugins") or []:
        if search_lang != "en" and isinstance(plugin, dict) and isinstance(plugin.get("search"), dict):
            plugin["search"]["lang"] = search_lang
    return settings


def build_with_zensical(config: Path, content: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Build the site into out (a new or empty folder; a file whose name starts with "." may be in it)
    with Zensical, strictly."""
    root = config.resolve().parent
    work = root / ".cache" / f"story-zensical-{os.getpid()}"
    private = root / f".zensical-{os.getpid()}.yml"
    shutil.rmtree(work, ignore_errors=True)
    try:
        try:
            settings = engine_config(config, content, work / "docs", work / "site")
        except yaml.YAMLError as exc:
            return subprocess.CompletedProcess([], 2, "", f"{config} could not be read: {exc}\n")
        private.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(private)]
        result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            out.mkdir(exist_ok=True)
            for entry in (work / "site").iterdir():
                shutil.move(str(entry), str(out / entry.name))
        return result
    finally:
        private.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
