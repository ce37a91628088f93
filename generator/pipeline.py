"""The one-way flow: load -> validate -> check -> render -> write. Never imports mkdocs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from generator import speed
from generator.checks import check_content
from generator.errors import ContentError, ContentErrors
from generator.load import Content, load_content
from generator.parts import PART_SIZE
from generator.write import WriteReport, write_pages

if TYPE_CHECKING:
    from generator.plan import SitePlan
    from generator.rerender import Rerender
    from generator.story import StoryView

# The renderer (Jinja2, Markdown, the feed's lxml) is imported by the functions that render, so
# `check`, which an editor runs after every save, loads only what checking needs.


def check(content_dir: Path) -> Content:
    """Load and check everything; raise ContentErrors listing every problem."""
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(str(content_dir), 1, 1, "", "content folder not found",
                                          "pass --content DIR, the folder holding story.yml")])
    with speed.collector_paused():
        content, locations, errors = load_content(content_dir)
        if content.story is not None:
            errors += check_content(content, locations)
    if errors or content.story is None:
        raise ContentErrors(errors)
    # Where each entry stood is only needed to report errors, and there are none: `locations`
    # (much of what a large story holds in memory) is let go here.
    return content


def render(content_dir: Path, part_size: int = PART_SIZE) -> tuple[StoryView, dict[str, str]]:
    view, _, pages = _render(content_dir, part_size)
    return view, pages


def _render(content_dir: Path, part_size: int,
            rerender: Rerender | None = None) -> tuple[StoryView, SitePlan, dict[str, str]]:
    from generator.editlinks import add_edit_sources
    from generator.exports import export_files
    from generator.parts import anchor_files
    from generator.plan import site_plan
    from generator.render import renderer
    from generator.story import StoryView

    view = StoryView(check(content_dir))
    with speed.collector_paused():
        site = site_plan(view, part_size)
        if rerender is None:
            pages = speed.in_two_processes(renderer(view, site), site.pages)
        else:  # the live preview: only the pages a text edit changed (generator/rerender.py)
            render_pages = renderer(view, site)
            pages = rerender.render(view, site, lambda chosen: speed.in_two_processes(render_pages, chosen))
        pages = add_edit_sources(pages)  # each page names its YAML file, for edit links
        pages.update(export_files(view, site.where))  # /story.json, /timeline.json, /feed.xml: copied to the site as-is
        pages.update(anchor_files(site.page_of))  # split collections: where each old #anchor went
    return view, site, pages


class Rendered(NamedTuple):
    view: StoryView
    site: SitePlan
    report: WriteReport

    def navigation(self) -> list[object]:
        """The site's navigation (plan.nav: the top pages; parts of a split collection stay out
        of it), from the plan this render used."""
        from generator.plan import nav

        return nav(self.site.pages, self.view.story.language)


def render_site(content_dir: Path, out: Path, part_size: int = PART_SIZE,
                rerender: Rerender | None = None) -> Rendered:
    """Render the story into out (only files whose bytes changed are written): the story's view,
    its site plan and what was written. The engines take the navigation from the same plan.
    With rerender (the live preview), pages a text edit did not change keep their last Markdown."""
    from generator.card import card_files

    view, site, pages = _render(content_dir, part_size, rerender)
    # besides the text pages, the files in bytes: the share card (/assets/share-card.png)
    return Rendered(view, site, write_pages(pages, out, card_files(view)))


def render_to(content_dir: Path, out: Path, part_size: int = PART_SIZE) -> tuple[StoryView, WriteReport]:
    rendered = render_site(content_dir, out, part_size)
    return rendered.view, rendered.report
