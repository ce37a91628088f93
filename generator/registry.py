"""Every kind of content, declared once: its file, model, noun, ids, page and template.

Loading (generator/load.py), the cross-file checks (generator/checks.py), the page plan and
navigation (generator/plan.py), edit links (generator/editlinks.py), the schemas and the
command line's counts all read this table. Adding a kind of content takes a model in
generator/models.py, one entry here and one template.

Tracing one kind, glossary terms: `glossary.yml` is read as a list of `models.Term` (load.py,
from FILES); each entry is named `term "..."` in errors (noun); its ids, `term_id`, are the
"terms" that references resolve against and that must be unique (checks.py, from REFERABLE);
its page is glossary.md from glossary.md.j2, placed in the plan after the background pages
(plan.py, from PAGES); that page's "Edit this page" link opens glossary.yml (editlinks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator import models
from generator.ids import term_id
from generator.locales import key


@dataclass(frozen=True)
class Kind:
    """One kind of content an editor writes, one YAML file of entries."""

    name: str  # the file's name without .yml, and the attribute of the loaded content: "events"
    model: type[models.Model]
    noun: str  # how an error names one entry: event "council-vote"
    refs: str = ""  # the name references use for this kind's ids ("events"); '' when nothing refers to it
    key: Callable[[Any], str] | None = None  # an entry's id, where entries have one


KINDS: tuple[Kind, ...] = (
    Kind("key_points", models.KeyPoint, "key point"),
    Kind("events", models.Event, "event", "events", lambda e: str(e.id)),
    Kind("quotes", models.Quote, "quote", "quotes", lambda q: str(q.id)),
    Kind("actors", models.Actor, "actor", "actors", lambda a: str(a.id)),
    Kind("sources", models.Source, "source", "sources", lambda s: str(s.id)),
    Kind("glossary", models.Term, "term", "terms", term_id),
    Kind("updates", models.Update, "update"),
)
FILES = {kind.name: kind for kind in KINDS}
COUNTED = ("events", "quotes", "actors", "sources", "key_points", "glossary", "updates")  # `check`'s summary line
REFERABLE = {kind.refs: kind for kind in KINDS if kind.refs}
# Reference names whose ids are defined inside story.yml rather than in a file of their own.
IN_STORY = {"phases": "story.yml (phases)", "sides": "story.yml (sides)"}


def file_of(refs: str) -> str:
    """The file an editor adds a missing id to: events.yml, glossary.yml, story.yml (phases)."""
    return IN_STORY.get(refs) or f"{REFERABLE[refs].name}.yml"


@dataclass(frozen=True)
class PageKind:
    """One page of the site made from the content (background pages are one per file)."""

    path: str  # in the docs folder: "timeline.md"
    template: str
    title: str  # keys in the reader's language tables (generator/locales): key("page.timeline.title")
    description: str
    source: str  # the content file behind it, for "Edit this page": events.yml ('' for several files)
    has: Callable[[Any], Any]  # the story view -> whether the page is needed (its entries)
    split: bool = False  # a long one is split into parts (generator/parts.py)
    index_template: str = "parts.md.j2"  # the page listing the parts of a split one
    explore: bool = True  # offered under "Explore the story" on the front page


PAGES: tuple[PageKind, ...] = (
    PageKind("timeline.md", "timeline.md.j2", key("page.timeline.title"), key("page.timeline.description"),
             "events.yml", lambda v: v.content.events, split=True),
    PageKind("who-said-what.md", "quotes.md.j2", key("page.quotes.title"), key("page.quotes.description"),
             "quotes.yml", lambda v: v.content.quotes, split=True),
    PageKind("people.md", "people.md.j2", key("page.people.title"), key("page.people.description"),
             "actors.yml", lambda v: v.content.actors, split=True),
    # background/<slug>.md pages come here, in the order of their file names
    PageKind("glossary.md", "glossary.md.j2", key("page.glossary.title"), key("page.glossary.description"),
             "glossary.yml", lambda v: v.content.glossary),
    PageKind("checking.md", "checking.md.j2", key("page.checking.title"), key("page.checking.description"), "",
             lambda v: v.checked or v.misattributed, split=True, index_template="checking.md.j2"),
    PageKind("sources.md", "sources.md.j2", key("page.sources.title"), key("page.sources.description"),
             "sources.yml", lambda v: v.content.sources, split=True, explore=False),
    PageKind("updates.md", "updates.md.j2", key("page.updates.title"), key("page.updates.description"),
             "updates.yml", lambda v: v.content.updates),  # corrections: on the front page too
)
BEFORE_BACKGROUND = 3  # PAGES[:3] come before the background pages in the plan and the navigation
