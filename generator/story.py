"""The validated story, indexed for rendering: lookups, sort orders, back-references.

Built once after checking; templates read from it and never compute."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from generator import models
from generator.ids import term_id
from generator.dates import StoryDate, parse_date
from generator.load import Content
from generator.locales import strings
from generator.site import heading_anchor
from generator.text import plain

KIND_ORDER = {"person": 0, "government": 1, "organization": 2, "media": 3}


@dataclass(frozen=True)
class CheckedNote:
    """An accuracy note, shown on the checking page; the item it is about links to it."""

    anchor: str  # on the checking page: check-event-<id>, check-quote-<id>, ...
    page: str  # where the item is: "timeline.md"
    target: str  # the item's anchor on that page
    kind: str  # "Timeline", "Key point", "Quote", "Background"
    label: str  # the item's title or words
    item: Any  # the entry carrying note and note_sources


@dataclass
class StoryView:
    content: Content
    dates: dict[str, StoryDate] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ev in self.content.events:
            self.dates[ev.date] = self.dates.get(ev.date) or parse_date(ev.date)
        for item in [*self.content.quotes, *self.content.sources]:
            d = getattr(item, "said_on", None) or getattr(item, "published", None)
            if d and d not in self.dates:
                self.dates[d] = parse_date(d)

    @property
    def story(self) -> models.Story:
        assert self.content.story is not None
        return self.content.story

    @cached_property
    def t(self) -> Any:
        """The lookup of strings in the reader's language (generator/locales)."""
        return strings(self.story.language).t

    @cached_property
    def actors(self) -> dict[str, models.Actor]:
        return {a.id: a for a in self.content.actors}

    @cached_property
    def sources(self) -> dict[str, models.Source]:
        return {s.id: s for s in self.content.sources}

    @cached_property
    def events(self) -> dict[str, models.Event]:
        return {e.id: e for e in self.content.events}

    @cached_property
    def quotes(self) -> dict[str, models.Quote]:
        return {q.id: q for q in self.content.quotes}

    @cached_property
    def phases(self) -> dict[str, models.Phase]:
        return {p.id: p for p in self.story.phases}

    @cached_property
    def terms(self) -> list[tuple[str, models.Term]]:
        return sorted(((term_id(t), t) for t in self.content.glossary), key=lambda p: p[1].term.lower())

    @cached_property
    def timeline(self) -> list[models.Event]:
        # events of the same day keep the order the editor gave them in events.yml
        return sorted(self.content.events, key=lambda e: self.dates[e.date].sort_key)

    @cached_property
    def attributed(self) -> list[models.Quote]:
        """Quotes shown under their speaker: all but words a source wrongly attributed."""
        return [q for q in self.content.quotes if not q.misattributed]

    @cached_property
    def misattributed(self) -> list[models.Quote]:
        return sorted((q for q in self.content.quotes if q.misattributed), key=self.quote_key)

    @staticmethod
    def other_names(term: models.Term) -> list[str]:
        """A term's aliases worth showing a reader ("Also: Article Nine"): not those that differ
        from the term, or from one shown before, only in capitals, hyphens or spacing
        ("armed-attack situation"); those still find the term for its tooltip."""
        def folded(name: str) -> str:
            return " ".join(name.casefold().replace("-", " ").split())

        seen, shown = {folded(term.term)}, []
        for alias in term.aliases:
            if folded(alias) not in seen:
                seen.add(folded(alias))
                shown.append(alias)
        return shown

    @cached_property
    def compared(self) -> list[models.Source]:
        """The sources whose text the story keeps (`text:`): the check compares quotes with them."""
        return [s for s in self.content.sources if s.text]

    @cached_property
    def checked(self) -> list[CheckedNote]:
        """Every accuracy note, in reading order: key points, timeline, quotes, background."""
        t = self.t
        notes = [CheckedNote(f"check-key-point-{i + 1}", "index.md", f"key-point-{i + 1}", t("checking.kind.key_point"),
                             plain_label(kp.text), kp)
                 for i, kp in enumerate(self.content.key_points) if kp.note]
        notes += [CheckedNote(f"check-event-{e.id}", "timeline.md", e.id, t("checking.kind.timeline"), e.title, e)
                  for e in self.timeline if e.note]
        notes += [CheckedNote(f"check-quote-{q.id}", "who-said-what.md", q.id, t("checking.kind.quote"),
                              f"{self.actors[q.speaker].name}: {plain_label(q.text)}", q)
                  for q in sorted(self.attributed, key=self.quote_key) if q.note]
        for slug, bg in sorted(self.content.background.items()):
            notes += [CheckedNote(f"check-{slug}-{n + 1}", f"background/{slug}.md",
                                  heading_anchor(sec.heading, self.story.language), t("checking.kind.background"),
                                  f"{bg.title}: {sec.heading}", sec) for n, sec in enumerate(bg.sections) if sec.note]
        return notes

    @cached_property
    def _note_anchors(self) -> dict[int, str]:
        return {id(n.item): n.anchor for n in self.checked}

    def note_anchor(self, item: object) -> str:
        """The anchor of an item's accuracy note on the checking page ('' without a note)."""
        return self._note_anchors.get(id(item), "")

    @cached_property
    def quotes_by_speaker(self) -> dict[str, list[models.Quote]]:
        out: dict[str, list[models.Quote]] = defaultdict(list)
        for q in sorted(self.attributed, key=self.quote_key):
            out[q.speaker].append(q)
        return dict(out)

    def quote_key(self, q: models.Quote) -> tuple[Any, ...]:
        """By the day said; quotes of the same day in the order of quotes.yml (the editor's: a
        statement's first sentence before its last, the words of a press conference in turn)."""
        when = self.dates[q.said_on].sort_key if q.said_on else ((9999, 0, 0), (9999, 0, 0))
        return (when, self._quote_order[q.id])

    @cached_property
    def _quote_order(self) -> dict[str, int]:
        return {q.id: n for n, q in enumerate(self.content.quotes)}

    @cached_property
    def speakers(self) -> list[models.Actor]:
        """Speakers in order of their first quote in the story."""
        firsts = {sid: self.quote_key(qs[0]) for sid, qs in self.quotes_by_speaker.items()}
        return [self.actors[s] for s in sorted(firsts, key=lambda s: firsts[s])]

    @cached_property
    def quotes_by_event(self) -> dict[str, list[models.Quote]]:
        out: dict[str, list[models.Quote]] = defaultdict(list)
        for q in sorted(self.attributed, key=self.quote_key):
            if q.event:
                out[q.event].append(q)
        return dict(out)

    @cached_property
    def events_by_actor(self) -> dict[str, list[models.Event]]:
        out: dict[str, list[models.Event]] = defaultdict(list)
        for ev in self.timeline:
            for a in ev.actors:
                out[a].append(ev)
        return dict(out)

    @cached_property
    def people(self) -> list[tuple[str, list[models.Actor]]]:
        groups: dict[str, list[models.Actor]] = defaultdict(list)
        for a in sorted(self.content.actors, key=lambda a: (KIND_ORDER[a.kind], a.name.lower())):
            groups[a.kind].append(a)
        return list(groups.items())

    @cached_property
    def cited_by(self) -> dict[str, list[tuple[str, str, str]]]:
        """source id -> [(page, anchor, label)] of everything that cites it. A source an entry cites
        only in its accuracy note (often the source that got something wrong) leads to that note
        on the checking page, and says so: it is not what the entry rests on."""
        out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        t = self.t

        def cite(item: Any, sources: list[str], page: str, anchor: str, label: str) -> None:
            for s in dict.fromkeys(sources):
                out[s].append((page, anchor, label))
            note = self.note_anchor(item)
            for s in dict.fromkeys(item.note_sources):
                if s not in sources:
                    out[s].append(("checking.md", note, t("cited.note", label=label)) if note else (page, anchor, label))

        for ev in self.timeline:
            cite(ev, ev.sources, "timeline.md", ev.id, ev.title)
        for q in self.content.quotes:
            page, anchor = ("checking.md", "misattributed") if q.misattributed else ("who-said-what.md", q.id)
            cite(q, [q.source], page, anchor, t("cited.quote", speaker=self.actors[q.speaker].name, context=q.context))
        for i, kp in enumerate(self.content.key_points):
            cite(kp, kp.sources, "index.md", "key-points", t("cited.key_point", number=i + 1))
        for slug, bg in self.content.background.items():
            for sec in bg.sections:
                cite(sec, sec.sources, f"background/{slug}.md", "", f"{bg.title}: {sec.heading}")
        for tid, term in self.terms:
            for s in term.sources:
                out[s].append(("glossary.md", tid, t("cited.glossary", term=term.term)))
        return dict(out)

    @cached_property
    def updates(self) -> list[models.Update]:
        return sorted(self.content.updates, key=lambda u: u.date, reverse=True)

    @cached_property
    def update_entries(self) -> list[tuple[str, models.Update]]:
        """Each update, newest first, with its anchor on the updates page, which is also its Atom
        entry's id in the feed: update-2026-12-01-1, then -2 for another that day. Numbered
        from the oldest (the foot of the file), so an update added later renames none."""
        count: dict[str, int] = defaultdict(int)
        oldest_first = []
        for u in reversed(self.updates):
            count[u.date] += 1
            oldest_first.append((f"update-{u.date}-{count[u.date]}", u))
        return oldest_first[::-1]

    @cached_property
    def updates_by_event(self) -> dict[str, list[tuple[str, models.Update]]]:
        """The updates (corrections, clarifications) that concern each event, newest first: the
        timeline marks the event with each, linked to its entry."""
        out: dict[str, list[tuple[str, models.Update]]] = defaultdict(list)
        for anchor, u in self.update_entries:
            for eid in dict.fromkeys(u.events):
                out[eid].append((anchor, u))
        return dict(out)

    @property
    def last_updated(self) -> str:
        return max([self.story.published, *(u.date for u in self.content.updates)])

    @cached_property
    def sides(self) -> dict[str, models.Side]:
        return {side.id: side for side in self.story.sides}

    def native_language(self, entry: models.Actor | models.Term | models.Place) -> str | None:
        """The language of an entry's `native` for its lang attribute: the editor's native_language,
        else what its script shows (kana: ja, hangul: ko), else, for Chinese characters alone, the
        actor's country (Japanese, Chinese and Korean draw the characters they share differently,
        and a browser picks the shapes by the language). None when unknown, or the story's own."""
        text = entry.native or ""
        lang = entry.native_language
        if lang is None:
            if _KANA.search(text):
                lang = "ja"
            elif _HANGUL.search(text):
                lang = "ko"
            elif _HAN.search(text):
                lang = _HAN_BY_COUNTRY.get((getattr(entry, "country", None) or "").strip().upper())
        return lang if lang and lang.lower() != self.story.language.lower() else None

    def side_of(self, actor: models.Actor) -> models.Side | None:
        return self.sides.get(actor.side or "")

    def by_side(self, actors: list[models.Actor]) -> list[tuple[str, list[models.Actor]]]:
        """Actors grouped by side, in the order story.yml lists the sides (actors without one last,
        as "Others"), principals first in each group; otherwise in the order given."""
        order = {sid: i for i, sid in enumerate(self.sides)}
        ranked = sorted(actors, key=lambda a: (order.get(a.side or "", len(order)), not a.principal))
        groups: list[tuple[str, list[models.Actor]]] = []
        for a in ranked:
            side = self.side_of(a)
            label = side.label if side else self.t("people.others")
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(a)
        return groups

    @cached_property
    def key_moments(self) -> list[models.Event]:
        return [ev for ev in self.timeline if ev.key]

    def event_side(self, ev: models.Event) -> models.Side | None:
        """The side an event belongs to: its first principal's, else its first sided actor's."""
        people = [self.actors[a] for a in ev.actors if a in self.actors]
        for a in sorted(people, key=lambda a: not a.principal):
            side = self.side_of(a)
            if side:
                return side
        return None

    def event_colour(self, ev: models.Event) -> str:
        """The colour of the side an event belongs to (event_side), or NO_SIDE_COLOUR."""
        side = self.event_side(ev)
        return side.colour if side else NO_SIDE_COLOUR

    @cached_property
    def badge_letters(self) -> dict[str, str]:
        """The letters on each actor's badge: the initials of the first and last words of the name
        (Sanae Takaichi: ST), unless another actor's are the same (Xi Jinping and Xue Jian: XJ).
        Then, for each of them, the initials of the name's capitalised words (the ministries of
        Foreign Affairs and of National Defense: MFA, MND), or else its first word (XI, XUE), the
        first of these that tells them apart; up to three letters."""
        letters = {a.id: initials(a.name) for a in self.content.actors}
        clashes: dict[str, list[models.Actor]] = defaultdict(list)
        for a in self.content.actors:
            clashes[letters[a.id]].append(a)
        for group in (g for g in clashes.values() if len(g) > 1):
            for make in (_capital_initials, _first_word):
                tried = [make(a.name) for a in group]
                if len(set(tried)) == len(tried):
                    letters.update((a.id, t) for a, t in zip(group, tried))
                    break
        return letters

    @cached_property
    def key_moment_sides(self) -> list[tuple[str, str | None]]:
        """The key to the colours of the key moments' dots: (colour, side label) for each side a
        moment belongs to, in story.yml's order, then (NO_SIDE_COLOUR, None) when a moment
        belongs to none."""
        sides = [self.event_side(ev) for ev in self.key_moments]
        held = [(side.colour, side.label) for side in self.story.sides if any(s is side for s in sides)]
        return held + ([(NO_SIDE_COLOUR, None)] if None in sides else [])

    @cached_property
    def reading_minutes(self) -> int:
        """Minutes to read the front page: its editors' text, not the lists of links."""
        s = self.story
        texts = [s.dek, s.summary, *s.questions, *(b.text for b in s.need_to_know),
                 *(k.text for k in self.content.key_points), *(self.quotes[q].text for q in s.key_exchange if q in self.quotes)]
        return reading_minutes(" ".join(texts))

    @cached_property
    def topics(self) -> dict[str, str]:
        """Topic (a tag) -> the name readers see: story.yml's `topics`, in the editor's order."""
        return {t.id: t.label for t in self.story.topics}

    def topic(self, tag: str) -> str:
        """The name readers see for a tag: its label in story.yml, else the tag as written."""
        return self.topics.get(tag, tag)

    def in_topic_order(self, tags: list[str]) -> list[str]:
        """Tags in the order story.yml names them, then the others alphabetically."""
        order = {tag: i for i, tag in enumerate(self.topics)}
        return sorted(tags, key=lambda tag: (order.get(tag, len(order)), tag))


# The colour of a key moment whose people belong to no side (it passes the same contrast rules
# as the sides' colours).
NO_SIDE_COLOUR = "#6b6b6b"

# Character ranges: kana (with half-width katakana), Chinese characters, hangul syllables.
_KANA_RANGES = "\u3040-\u30ff\uff66-\uff9f"
_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL_RANGES = "\uac00-\ud7af"

# What a native name's script tells of its language (StoryView.native_language); kana and hangul
# with their less common blocks too (katakana extensions, jamo).
_KANA = re.compile(f"[{_KANA_RANGES}\u31f0-\u31ff]")
_HANGUL = re.compile(f"[{_HANGUL_RANGES}\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(f"[{_HAN_RANGES}]")
_HAN_BY_COUNTRY = {"JP": "ja", "CN": "zh-Hans", "SG": "zh-Hans", "TW": "zh-Hant", "HK": "zh-Hant", "MO": "zh-Hant",
                   "KR": "ko"}

# Japanese, Chinese and Korean are written without spaces between words: their characters are
# counted instead (about 500 a minute for Japanese prose), the rest in words (220 a minute).
_CJK = re.compile(f"[{_KANA_RANGES}{_HAN_RANGES}{_HANGUL_RANGES}]")
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff01-\uff65]+")  # 、。「」（）: not words
WORDS_A_MINUTE, CJK_CHARACTERS_A_MINUTE = 220, 500


def reading_minutes(text: str) -> int:
    """Minutes a reader takes over text, at least 1, in whatever script it is written."""
    characters = len(_CJK.findall(text))
    words = len(_CJK_PUNCTUATION.sub(" ", _CJK.sub(" ", text)).split())
    return max(1, round(words / WORDS_A_MINUTE + characters / CJK_CHARACTERS_A_MINUTE))


LABEL_LIMIT = 90  # characters of a note's heading on the checking page


def plain_label(text: str) -> str:
    """A short plain label for a note's heading: the whole text if it is short, else its first
    sentence if that is short, else its words up to the last comma, semicolon or colon that comes
    in time (a heading cut between two words of a clause read as broken off), else its first words."""
    flat = plain(text, 100_000)
    if len(flat) <= LABEL_LIMIT:
        return flat
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0]
    if len(sentence) < LABEL_LIMIT // 3:  # a stray full stop ("Mr.", "U.S."), not a sentence's end
        sentence = flat
    elif len(sentence) <= LABEL_LIMIT:
        return sentence
    clause = max(sentence.rfind(mark, 0, LABEL_LIMIT) for mark in (", ", "; ", ": "))
    if clause >= LABEL_LIMIT // 2:
        return sentence[:clause] + "…"
    return plain(text, LABEL_LIMIT)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|(?<=[。！？])")


def _name_words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if w[:1].isalnum()]


def _capital_initials(name: str) -> str:
    return "".join(w[0] for w in _name_words(name) if w[0].isupper())[:3].upper() or initials(name)


def _first_word(name: str) -> str:
    words = _name_words(name)
    return words[0][:3].upper() if words else "?"


def initials(name: str) -> str:
    """Two letters for a person's badge: first letters of the first and last words of the name."""
    words = _name_words(name)
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
