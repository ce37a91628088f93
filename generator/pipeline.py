"""The one-way flow: load -> validate -> check -> render -> write. Never imports mkdocs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

from generator.checks import check_content
from generator.errors import ContentErrors
from generator.load import Content, load_content
from generator.parts import PART_SIZE
from generator.write import WriteReport, write_pages

if TYPE_CHECKING:
    from generator.story import StoryView

# The renderer (Jinja2, Markdown, the feed's lxml) is imported by the functions that render, so
# `check`, which an editor runs after every save, loads only what checking needs.


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Loading, checking and rendering make millions of small objects and next to no reference
    cycles, which Python's cycle collector would walk again and again: a third of `check` at
    20,000 events. Paused, it runs once afterwards; memory is still freed as it always is."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(content_dir: Path) -> Content:
    """Load and check everything; raise ContentErrors listing every problem."""
    if not content_dir.is_dir():
        from generator.errors import ContentError

        raise ContentErrors([ContentError(str(content_dir), 1, 1, "", "content folder not found",
                                          "pass --content DIR, the folder holding story.yml")])
    with collector_paused():
        content, errors = load_content(content_dir)
        if content.story is not None:
            errors += check_content(content)
    if errors or content.story is None:
        raise ContentErrors(errors)
    # Where each value stood is only needed to report errors, and there are none: let it go
    # (half of what a story of 20,000 events holds in memory).
    content.docs.clear()
    content.paths.clear()
    return content


def render(content_dir: Path, part_size: int = PART_SIZE) -> tuple[StoryView, dict[str, str]]:
    from generator.editlinks import add_edit_sources
    from generator.exports import export_files
    from generator.parts import anchor_files
    from generator.render import render_pages
    from generator.story import StoryView

    view = StoryView(check(content_dir), part_size=part_size)
    with collector_paused():
        pages = add_edit_sources(render_pages(view))  # each page names its YAML file, for edit links
        pages.update(export_files(view))  # /story.json, /timeline.json, /feed.xml: copied to the site as-is
        pages.update(anchor_files(view.page_of))  # split collections: where each old #anchor went
    return view, pages


def render_to(content_dir: Path, out: Path, part_size: int = PART_SIZE) -> tuple[StoryView, WriteReport]:
    view, pages = render(content_dir, part_size)
    return view, write_pages(pages, out)


def navigation(view: StoryView) -> list[object]:
    from generator.render import nav, plan

    pages = plan(view)
    return nav(pages, view.story.language)
