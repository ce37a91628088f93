"""Glossary tooltips marked in time linear in the page: Python-Markdown's abbr extension, with a
tree processor that builds each element's new children once.

Python-Markdown 3.x marks a text's abbreviations from its last match to its first, copying the
rest of the text at every match (`text[:m.start()]`, `text[m.end():]`) and inserting each <abbr>
at the front of the element's children, then finds an element's place among its parent's
children with `list(parent).index(el)`: quadratic in the matches of one text. A summary of 4 MB
that repeats glossary terms made a page of some 100,000 tooltips; the preview stalled on it.
The HTML is the same, element for element (tests/test_abbr.py compares the two).

mkdocs_hook.on_config puts this extension in place of `abbr` (listed in mkdocs.yml)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor  # type: ignore[import-untyped]
from markdown.util import AtomicString  # type: ignore[import-untyped]


# Where a tooltip would only get in the way: headings (and so the table of contents), links, and
# the front page's cards.
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr"}
# The class of a heading that defines a glossary term (generator/templates/glossary.md.j2).
DEFINES = "defines-term"


class LinearAbbrTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    first_only = False  # mark only a term's first use on the page (the site's setting)

    def run(self, root: etree.Element) -> None:
        self.seen: set[str] = set()
        super().run(root)

    def _skipped(self, el: etree.Element) -> bool:
        if not self.first_only:
            return False
        classes = (el.get("class") or "").split()
        if DEFINES in classes:
            self._defined_here(el)
        return el.tag in SKIP_TAGS or "cards" in classes

    def _defined_here(self, el: etree.Element) -> None:
        """A glossary entry's heading (class DEFINES): the term is explained right below it, so this
        counts as its first use on the page. Its own entry (the definition, the "Also:" line of
        its other names) and the entries after it get no tooltip repeating what the page shows."""
        assert self.RE is not None
        for m in self.RE.finditer("".join(el.itertext())):
            if self.abbrs[m.group(0)]:
                self.seen.add(self.abbrs[m.group(0)])

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        """Mark el's text, its children (recursively) and their tails; el's own tail is marked by
        its parent, which is where its <abbr> elements go."""
        children: list[etree.Element] = []
        for child in el:
            if not self._skipped(child):
                self.iter_element(child, el)
            children.append(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, after = self._marked(child.tail)
                children += after
        if el.text and not isinstance(el.text, AtomicString):
            el.text, before = self._marked(el.text)
            children[:0] = before
        if len(children) != len(el):
            el[:] = children

    def _marked(self, text: str) -> tuple[str, list[etree.Element]]:
        """The text before the first abbreviation, and one <abbr> per abbreviation, each with the
        text up to the next as its tail."""
        assert self.RE is not None
        head, end = text, 0
        abbrs: list[etree.Element] = []
        for m in self.RE.finditer(text):
            title = self.abbrs[m.group(0)]
            if title and self.first_only:
                if title in self.seen:  # every form of a term (its aliases too) shares its definition
                    continue
                self.seen.add(title)
            if title:
                if abbrs:
                    abbrs[-1].tail = text[end:m.start()]
                else:
                    head = text[:m.start()]
                abbrs.append(self.create_element(title, m.group(0), ""))
                end = m.end()
        if abbrs:
            abbrs[-1].tail = text[end:]
        return head, abbrs


class LinearAbbrExtension(AbbrExtension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        # first_only: mark only each term's first use on a page, outside headings, links and cards
        self.first_only = bool(kwargs.pop("first_only", False))
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Any) -> None:
        super().extendMarkdown(md)
        processor = LinearAbbrTreeprocessor(md, self.abbrs)
        processor.first_only = self.first_only
        md.treeprocessors.register(processor, "abbr", 7)  # replaces abbr's


def makeExtension(**kwargs: Any) -> LinearAbbrExtension:
    return LinearAbbrExtension(**kwargs)
