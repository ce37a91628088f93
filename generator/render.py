"""Render the story into Markdown pages: a pure function of the validated story and its plan."""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from generator import tooltips
from generator.plan import Page, SitePlan
from generator.story import StoryView
from generator.locales import strings
from generator.templating import lookup, shared_environment


def renderer(view: StoryView, site: SitePlan,
             env: jinja2.Environment | None = None) -> Callable[[list[Page]], dict[str, str]]:
    """A function giving {docs path: Markdown} for any of the planned pages. Pages are
    independent of each other, so they may be rendered in any order, or in two processes."""
    env = env or shared_environment()
    explore = [p for p in site.pages if p.explore]
    definitions = tooltips.by_word(tooltips.definitions(view))
    lang = strings(view.story.language).language  # the table's language (en for a tag without one)
    tr = lookup(lang)

    def render_some(chosen: list[Page]) -> dict[str, str]:
        out = {}
        for page in chosen:
            template = env.get_template(page.template)
            text = template.render(view=view, story=view.story, site=site, page=page, explore=explore, tr=tr, lang=lang,
                                   **page.extra)
            out[page.path] = text.rstrip("\n") + "\n" + tooltips.lines_for(text, definitions)
        return out

    return render_some

