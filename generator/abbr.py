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


class LinearAbbrTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        """Mark el's text, its children (recursively) and their tails; el's own tail is marked by
        its parent, which is where its <abbr> elements go."""
        children: list[etree.Element] = []
        for child in el:
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
    def extendMarkdown(self, md: Any) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(LinearAbbrTreeprocessor(md, self.abbrs), "abbr", 7)  # replaces abbr's


def makeExtension(**kwargs: Any) -> LinearAbbrExtension:
    return LinearAbbrExtension(**kwargs)
