"""Cross-file rules: unique ids, every reference resolves, quotes match their source text."""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterable

from generator.dates import parse_date, today
from generator.errors import ContentError
from generator.ids import normalise, slugify, term_id  # noqa: F401 - re-exported for older importers
from generator.load import Content, label
from generator.locations import Locations
from generator.registry import REFERABLE, file_of
from generator.yamlio import read_text
from generator.ids import SLUG_RE, lookalike_difference, lookalike_key

_LAST_NORMALISED: dict[str, str] = {}  # the texts the last check normalised (Checker.normalise)


class Checker:
    """The cross-file checks' shared state: the story, where its entries stand, the ids each
    kind of reference may name, and the problems found so far."""

    def __init__(self, content: Content, locations: Locations) -> None:
        self.content = content
        self.locations = locations
        self.errors: list[ContentError] = []
        story = content.story
        # every id a reference may name, by the name references use (generator/registry.py); ids
        # written in a file count even where their entry has an error of its own
        self.ids: dict[str, set[str]] = {
            refs: {kind.key(x) for x in getattr(content, kind.name)} | content.written_ids.get(kind.name, set())
            for refs, kind in REFERABLE.items() if kind.key
        }
        self.ids["phases"] = {p.id for p in (story.phases if story else [])}
        self.ids["sides"] = {p.id for p in (story.sides if story else [])}
        # a collection whose file could not be read at all: its own error is enough
        self.skip = {refs for refs, kind in REFERABLE.items() if kind.name in content.unreadable}
        self.indexes: dict[str, IdIndex] = {}  # per kind, made at its first unknown id
        global _LAST_NORMALISED
        self._normalised_before = _LAST_NORMALISED
        self._normalised: dict[str, str] = {}
        _LAST_NORMALISED = self._normalised

    def normalise(self, text: str) -> str:
        """ids.normalise, remembering the last check's texts: the live preview checks every quote
        on every save, against source texts that rarely change (712 KB at 2,000 events). Only the
        texts of the last check are kept."""
        found = self._normalised.get(text)
        if found is None:
            found = self._normalised_before.get(text)
            self._normalised[text] = found = normalise(text) if found is None else found
        return found

    def error(self, item: object, sub: tuple[str | int, ...], entry: str, message: str, hint: str = "") -> None:
        file, line, column = self.locations.locate(item, *sub)
        self.errors.append(ContentError(file, line, column, entry, message, hint))

    def warn(self, item: object, sub: tuple[str | int, ...], entry: str, message: str, hint: str = "") -> None:
        """Reported with the errors' location and form; the story still builds."""
        file, line, column = self.locations.locate(item, *sub)
        self.content.warnings.append(ContentError(file, line, column, entry, message, hint, level="warning"))

    def ref(self, item: object, field: str, value: str | None, kind: str, entry: str, index: int | None = None) -> None:
        sub: tuple[str | int, ...] = (field,) if index is None else (field, index)
        self.resolve(item, sub, field, value, kind, entry)

    def resolve(self, item: object, sub: tuple[str | int, ...], label: str, value: str | None, kind: str,
                entry: str, fallback: str = "") -> None:
        """Report value (found at item's sub-path) unless it names a known id of this kind."""
        if value is None or value in self.ids[kind] or kind in self.skip:
            return
        index = self.indexes.get(kind) or self.indexes.setdefault(kind, IdIndex(self.ids[kind]))
        guess = index.closest(value)
        if guess and lookalike_difference(value, guess) and not SLUG_RE.match(guess):
            return  # the look-alike id is not valid: its own error names the character, once
        file_name = file_of(kind)
        hint = did_you_mean(value, guess) or fallback or f"add it to {file_name} or fix the spelling"
        self.error(item, sub, entry, f'{label} "{value}" is not in {file_name}', hint)

    def refs(self, item: object, field: str, values: Iterable[str], kind: str, entry: str) -> None:
        for index, value in enumerate(values):
            self.ref(item, field, value, kind, entry, index)


class IdIndex:
    """The ids of one kind, filed once under a few keys, for "did you mean" without comparing
    every unknown id with every id (quadratic; see benchmarks/README.md). An unknown id is compared only with the ids that share its first
    or its last half (a typo spoils at most one of them), that read the same (look-alike letters),
    or that contain all its words ("eastport" in "eastport-statement"); then suggested only if
    similar enough (difflib's ratio at least 0.8, or 0.6 for an id it shortens), so an unrelated id
    that merely shares a date or an outlet is not."""

    CROWD = 100  # a half or a word shared by more ids than this ("src-", "2025") says too little

    def __init__(self, ids: Iterable[str]) -> None:
        self.keys: dict[str, list[str]] = {}
        for ident in sorted(ids):
            half = len(ident) // 2
            keys = {f"look:{lookalike_key(ident)}", *(f"word:{w}" for w in ident.split("-"))}
            keys.update(f"start:{ident[:n]}" for n in range(max(1, half - 1), half + 2))
            keys.update(f"end:{ident[-n:]}" for n in range(max(1, half - 1), half + 2))
            for key in keys:
                self.keys.setdefault(key, []).append(ident)
        self.guesses: dict[str, str | None] = {}

    def closest(self, value: str) -> str | None:
        if value not in self.guesses:
            self.guesses[value] = self._closest(value)
        return self.guesses[value]

    def _closest(self, value: str) -> str | None:
        alike = self.keys.get(f"look:{lookalike_key(value)}")
        if alike:
            return alike[0]
        half, words = len(value) // 2, set(value.split("-"))
        near = [self.keys.get(f"start:{value[:half]}", []), self.keys.get(f"end:{value[half - len(value):]}", [])]
        with_word = sorted((self.keys.get(f"word:{w}", []) for w in words), key=len)
        shortens = {i for i in with_word[0] if words <= set(i.split("-"))} if len(with_word[0]) <= self.CROWD else set()
        candidates = shortens.union(*(ids for ids in near if len(ids) <= self.CROWD))
        best, best_ratio = None, 0.0
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(value)
        for ident in sorted(candidates):  # as get_close_matches: of equal ratios, the last id
            matcher.set_seq1(ident)
            cutoff = max(best_ratio, 0.6 if ident in shortens else 0.8)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                ratio = matcher.ratio()
                if ratio >= cutoff:
                    best, best_ratio = ident, ratio
        return best


def did_you_mean(value: str, guess: str | None) -> str:
    """The hint for an unknown id with a close one; for a look-alike, which character differs."""
    if not guess:
        return ""
    differs = lookalike_difference(value, guess)
    return f'did you mean "{guess}"?' + (f" ({differs})" if differs else "")


def check_content(content: Content, locations: Locations) -> list[ContentError]:
    """Every cross-file problem (warnings go to content.warnings)."""
    checker = Checker(content, locations)
    _unique(checker)
    _quote_anchors(checker)
    _references(checker)
    _verify_quotes(checker)
    _repeated_quotes(checker)
    _places(checker)
    _future_dates(checker)
    _plain_http(checker)
    _quote_far_from_event(checker)
    _reader_language(checker)
    _unused_topics(checker)
    _updates_before_publication(checker)
    _said_in_and_original(checker)
    _native_language_alone(checker)
    return checker.errors


def _native_language_alone(checker: Checker) -> None:
    """native_language says what `native` is written in: without `native` it is a slip."""
    content = checker.content
    entries: list[tuple[object, tuple[str | int, ...], str, Any]] = [
        *((a, (), f'actor "{a.id}"', a) for a in content.actors),
        *((t, (), f'term "{t.term}"', t) for t in content.glossary),
        *((content.places, ("places", i), f'place "{p.id}"', p)
          for i, p in enumerate(content.places.places if content.places else []))]
    for item, at, entry, value in entries:
        if value.native_language and not value.native:
            checker.error(item, (*at, "native_language"), entry, "has native_language but no native",
                          "add native (the name in its own script) or remove native_language")


def _said_in_and_original(checker: Checker) -> None:
    """`original` already names the language the words were said in; `said_in` as well would say
    it twice, perhaps differently."""
    for q in checker.content.quotes:
        if q.said_in and q.original:
            checker.error(q, ("said_in",), f'quote "{q.id}"', "has both said_in and original",
                          "keep original (the words as said, with their language) and remove said_in")


def _updates_before_publication(checker: Checker) -> None:
    """An update dated before the story was first published is a typo in one of the two dates:
    the updates page and the feed would show a correction to a story that did not yet exist."""
    content = checker.content
    if content.story is None:
        return
    published = content.story.published
    for i, update in enumerate(content.updates):
        if update.date < published:
            checker.warn(update, ("date",), f"update {i + 1} ({update.date})",
                         f"dated before the story was first published ({published}, story.yml)",
                         "check this date and `published` in story.yml; an update comes on or after it")


def _unused_topics(checker: Checker) -> None:
    """A topic named in story.yml that no event or quote has among its tags: most often a typo
    on one side or the other, which would leave the tag shown as written."""
    content = checker.content
    if content.story is None:
        return
    used = {t for ev in content.events for t in ev.tags} | {t for q in content.quotes for t in q.tags}
    named = {t.id for t in content.story.topics}
    for i, topic in enumerate(content.story.topics):
        if topic.id not in used:
            close = difflib.get_close_matches(topic.id, sorted(used - named), n=1)
            checker.warn(content.story, ("topics", i, "id"), f'topic "{topic.id}"',
                         f'no event or quote has the tag "{topic.id}"',
                         f'did you mean "{close[0]}", the tag the events use?' if close else
                         "check the spelling here and in the events' tags, or remove the topic")


def _reader_language(checker: Checker) -> None:
    """A language without a table of the generator's strings (generator/locales) is shown in English."""
    from generator import locales

    story = checker.content.story
    if story is None or story.language.split("-")[0].lower() == locales.table_language(story.language):
        return
    have = ", ".join(locales.available())
    checker.warn(story, ("language",), "story", f'the page labels have no "{story.language}" translation; '
                 "they are shown in English (the content stays as written)",
                 f"use one of {have}, or add generator/locales/{story.language.split('-')[0].lower()}.yml "
                 "(a copy of en.yml with every value translated)")


def _repeated_quotes(checker: Checker) -> None:
    """The same words from the same speaker on the same day are one quote: entered twice (two
    outlets reported it, or it was pasted again) they would show twice on who said what."""
    first: dict[tuple[str, str, str | None], str] = {}
    for q in checker.content.quotes:
        key = (q.speaker, checker.normalise(q.text).casefold(), q.said_on)
        if key in first and first[key] != q.id:
            checker.error(q, ("text",), f'quote "{q.id}"', f'repeats quote "{first[key]}": same speaker, same words, same day',
                     "keep one of the two entries; words said again on another day get that day's said_on")
        first.setdefault(key, q.id)


def _places(checker: Checker) -> None:
    """places.yml: place ids unique, every distance between two known, different places."""
    places = checker.content.places
    if places is None:
        return
    seen: set[str] = set()
    for i, place in enumerate(places.places):
        if place.id in seen:
            checker.error(places, ("places", i, "id"), f'place "{place.id}"', f'id "{place.id}" is used twice',
                     "give each place its own id")
        seen.add(place.id)
    for i, pid in enumerate(places.close_up):
        if pid not in seen:
            checker.error(places, ("close_up", i), "close_up", f'place "{pid}" is not in places.yml',
                     "list ids from the places above")
    index = IdIndex(seen)
    for i, dist in enumerate(places.distances):
        entry = f"distance {i + 1}"
        for j, pid in enumerate(dist.between):
            if pid not in seen:
                hint = did_you_mean(pid, index.closest(pid)) or "add the place to places.yml or fix the spelling"
                checker.error(places, ("distances", i, "between", j), entry, f'place "{pid}" is not in places.yml', hint)
        if len(set(dist.between)) == 1:
            checker.error(places, ("distances", i, "between"), entry, "a distance needs two different places",
                     "name two place ids, e.g. [harbour, old-town]")


def _quote_anchors(checker: Checker) -> None:
    """A quote's id is the anchor of its box on the Who said what page, which also has an anchor
    for the page title and one per speaker (said-<actor id>): a quote id equal to one of them
    would send readers' links to the wrong place."""
    speakers = {q.speaker: q for q in checker.content.quotes}
    for q in checker.content.quotes:
        taken = q.id == "who-said-what" or (q.id.startswith("said-") and q.id[len("said-"):] in speakers)
        if taken:
            what = "the page title" if q.id == "who-said-what" else f'the speaker "{q.id[len("said-"):]}"'
            checker.error(q, ("id",), f'quote "{q.id}"', f'id "{q.id}" is already the link to {what} on the '
                     "Who said what page", f'choose another id, e.g. "{q.id}-quote"')


def _unique(checker: Checker) -> None:
    content = checker.content
    groups: list[tuple[str, list[Any], Any]] = [
        (kind.noun, getattr(content, kind.name), kind.key) for kind in REFERABLE.values() if kind.key
    ] + [(noun, getattr(content.story, field) if content.story else [], lambda x: x.id)
         for noun, field in (("phase", "phases"), ("side", "sides"), ("topic", "topics"))]
    for noun, items, key in groups:
        counts = Counter(key(i) for i in items)
        first: dict[str, Any] = {}
        for item in items:
            ident = key(item)
            if counts[ident] > 1 and ident in first:
                file, line, _ = checker.locations.locate(first[ident])
                if noun == "term" and not item.id:  # its id comes from its words: the same term twice
                    earlier = first[ident].term
                    twice = "twice" if earlier == item.term else f'twice (first as "{earlier}")'
                    checker.error(item, ("term",), f'{noun} "{ident}"', f'term "{item.term}" is in the glossary '
                                  f"{twice}", f"first at {file}:{line}; merge the two entries, or give this one an "
                                  f"id of its own (id: {ident}-2)")
                    continue
                checker.error(item, ("id",), f'{noun} "{ident}"', f'id "{ident}" is used more than once',
                         f"first used at {file}:{line}; ids must be unique")
            first.setdefault(ident, item)


def _references(checker: Checker) -> None:
    content = checker.content
    for kp_index, kp in enumerate(content.key_points):
        name = f"key point {kp_index + 1}"
        checker.refs(kp, "sources", kp.sources, "sources", name)
        checker.refs(kp, "events", kp.events, "events", name)
        checker.refs(kp, "note_sources", kp.note_sources, "sources", name)
    for ev in content.events:
        name = f'event "{ev.id}"'
        checker.refs(ev, "actors", ev.actors, "actors", name)
        checker.refs(ev, "sources", ev.sources, "sources", name)
        checker.refs(ev, "note_sources", ev.note_sources, "sources", name)
        checker.ref(ev, "phase", ev.phase, "phases", name)
    for q in content.quotes:
        name = f'quote "{q.id}"'
        checker.ref(q, "speaker", q.speaker, "actors", name)
        checker.ref(q, "source", q.source, "sources", name)
        checker.ref(q, "event", q.event, "events", name)
        checker.refs(q, "note_sources", q.note_sources, "sources", name)
    for t in content.glossary:
        checker.refs(t, "sources", t.sources, "sources", f'term "{t.term}"')
    for i, u in enumerate(content.updates):
        checker.refs(u, "events", u.events, "events", f"update {i + 1} ({u.date})")
    for a in content.actors:
        checker.ref(a, "side", a.side, "sides", f'actor "{a.id}"')
    for slug, bg in content.background.items():
        _background_refs(checker, slug, bg)
    if content.story is not None:
        _front_page_refs(checker, content.story)


def _front_page_refs(checker: Checker, story: Any) -> None:
    for i, bullet in enumerate(story.need_to_know):
        name = f"need-to-know bullet {i + 1}"
        checker.resolve(story, ("need_to_know", i, "event"), "event", bullet.event, "events", name)
        for j, sid in enumerate(bullet.sources):
            checker.resolve(story, ("need_to_know", i, "sources", j), "sources", sid, "sources", name)
    for i, qid in enumerate(story.key_exchange):
        checker.resolve(story, ("key_exchange", i), "key_exchange", qid, "quotes", "story")
    for i, side in enumerate(story.sides):
        problem = side_contrast_problem(side.colour)
        if problem:
            checker.error(story, ("sides", i, "colour"), f'side "{side.id}"', f'colour {side.colour} {problem}',
                     "choose a mid-tone: white text on it needs 4.5:1, and it needs 3:1 against the dark theme "
                     "(#2569d0, #d02525, #167e27 and #a32fda pass)")


def _background_refs(checker: Checker, slug: str, bg: Any) -> None:
    name = f'background "{slug}"'
    for section in bg.sections:
        entry = f'{name} section "{section.heading}"'
        checker.refs(section, "sources", section.sources, "sources", entry)
        checker.refs(section, "note_sources", section.note_sources, "sources", entry)
    for field in ("events", "actors", "terms"):
        for index, value in enumerate(getattr(bg.related, field)):
            checker.resolve(bg, ("related", field, index), f"related {field}", value, field, name, "fix the spelling")
    if bg.map is not None:
        _background_map(checker, name, bg)


def _background_map(checker: Checker, name: str, bg: Any) -> None:
    """A background page's map draws places from places.yml: it needs the file, and known ids."""
    if checker.content.places is None:
        checker.error(bg, ("map",), name, "asks for a map, but the story has no places.yml",
                      "add places.yml with the places to draw, or remove map: from this page")
        return
    known = {p.id for p in checker.content.places.places}
    index = IdIndex(known)
    for i, pid in enumerate(bg.map.places):
        if pid not in known:
            hint = did_you_mean(pid, index.closest(pid)) or "use an id from places.yml, or add the place there"
            checker.error(bg, ("map", "places", i), f"{name} map", f'place "{pid}" is not in places.yml', hint)


def source_texts(checker: Checker) -> dict[str, str]:
    """The normalised local text of each source that has one; errors for bad paths."""
    root = checker.content.root.resolve()
    texts: dict[str, str] = {}
    for src in checker.content.sources:
        if src.text is None:
            continue
        name = f'source "{src.id}"'
        path = Path(src.text)
        target = (checker.content.root / path).resolve()
        if path.is_absolute() or (root not in target.parents):
            checker.error(src, ("text",), name, f'text "{src.text}" points outside the content folder',
                     "keep source texts inside content/, e.g. text: sources/article.txt")
            continue
        if target.is_dir():
            checker.error(src, ("text",), name, f'text "{src.text}" is a folder, not a file',
                     "name the .txt file inside it, e.g. text: sources/article.txt")
            continue
        if not target.is_file():
            checker.error(src, ("text",), name, f'text file "{src.text}" does not exist',
                     "check the path; it is relative to the content folder")
            continue
        text, problems = read_text(target, label(checker.content.root, checker.content.root / src.text))
        checker.errors.extend(problems)
        if text is not None:
            texts[src.id] = checker.normalise(text)
    return texts


def _verify_quotes(checker: Checker) -> None:
    texts = source_texts(checker)
    for q in checker.content.quotes:
        if q.kind == "paraphrase" or q.source not in texts:
            continue
        # a translated quote: the original words are the speaker's, the English is ours
        wanted = checker.normalise(q.original.text if q.original else q.text)
        if wanted not in texts[q.source]:
            closest = closest_passage(wanted, texts[q.source])
            difference = first_difference(wanted, closest) if closest else ""
            shown = f'"{closest.strip(QUOTE_MARKS)}"'  # not ""..."": the passage's own marks are left out
            hint = (f"closest passage in the source: {shown}" + (f"; {difference}" if difference else "")
                    if closest else "no similar passage was found")
            checker.error(q, ("original", "text") if q.original else ("text",), f'quote "{q.id}"',
                     f'{q.kind} quote is not found word for word in source "{q.source}"',
                     hint + "; fix the words to match the source (only if the source reports what was said "
                     "without quoting it, mark it kind: paraphrase)")


def closest_passage(wanted: str, text: str) -> str:
    """The stretch of text most like the quote, for the editor to compare, word-aligned.

    First, in one pass over the text, the stretch of the quote's length that shares the most words
    and word pairs with it; the search then stays near there. A short quote is compared with
    windows of its length a quarter of it apart, then the best one's start and end moved a word at
    a time. For a long quote that is cubic in its length (benchmarks/README.md), so it is aligned word by word instead (difflib's matching blocks, one comparison), and the passage is
    where the quote's first and last words fall on the best-matching diagonal."""
    words, quote = text.split(" "), wanted.split(" ")
    lo, hi = _near_the_quote(_bare(quote), _bare(words))
    if len(quote) <= SHORT_QUOTE:
        return _closest_window(wanted, words[lo:hi])
    return _aligned_passage(quote, words[lo:hi])


SHORT_QUOTE = 40  # words; a longer quote is aligned rather than compared with every nearby window


def _near_the_quote(quote: list[str], words: list[str]) -> tuple[int, int]:
    """The part of the text around the stretch of the quote's length holding most of its words and
    word pairs (the first such stretch), with two quote lengths of text on either side."""
    size, singles, pairs = len(quote), set(quote), set(zip(quote, quote[1:]))
    hits = list(accumulate(((w in singles) + ((w, n) in pairs) for w, n in zip(words, words[1:] + [""])),
                           initial=0))
    starts = range(max(1, len(words) - size + 1))
    best = max(starts, key=lambda s: hits[min(len(words), s + size)] - hits[s])
    return max(0, best - 2 * size), best + 3 * size


def _closest_window(wanted: str, words: list[str]) -> str:
    """Windows of the quote's length a quarter of it apart, then the best one's start and end moved
    a word at a time."""
    size = max(1, len(wanted.split(" ")))
    step = max(1, size // 4)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best, best_ratio = (0, 0), 0.0

    def better(start: int, end: int) -> None:
        nonlocal best, best_ratio
        matcher.set_seq1(" ".join(words[start:end]))
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = (start, end), ratio

    for start in range(0, max(1, len(words) - size + 1), step):
        better(start, start + size)
    if best_ratio < 0.4:
        return ""
    # Refine word by word, comparing words without their punctuation: "We proud of this bridge."
    # is closest to "We are proud of this bridge.", not to "are proud of this bridge.".
    coarse, best_score = best, -1.0
    bare = _bare(words)
    words_matcher = difflib.SequenceMatcher(autojunk=False)
    words_matcher.set_seq2(_bare(wanted.split(" ")))
    # Each of the source's words the quote shares counts 1, each it does not costs a quarter: a
    # passage that drops "We did not" for being shorter would hide the very difference ("didn't").
    for start in range(max(0, coarse[0] - step), coarse[0] + step + 1):
        for end in range(max(start + 1, coarse[1] - step), min(len(words), coarse[1] + step) + 1):
            words_matcher.set_seq1(bare[start:end])
            shared = sum(block.size for block in words_matcher.get_matching_blocks())
            score = shared - (end - start - shared) / 4
            if score > best_score:
                best, best_score = (start, end), score
    return " ".join(words[best[0]:best[1]])


def _aligned_passage(quote: list[str], words: list[str]) -> str:
    """The quote aligned with the words near it, word by word: the passage runs from where its
    first word falls to where its last word falls, on the diagonal of the longest shared run of
    words, as far as shared runs continue near that diagonal (a changed word, a word added or left
    out, shifts it a little; a stray match of one common word far away does not count)."""
    matcher = difflib.SequenceMatcher(None, _bare(quote), _bare(words), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return ""
    main = max(blocks, key=lambda b: b.size)
    slack = max(1, len(quote) // 4)
    kept = [b for b in blocks if abs((b.b - b.a) - (main.b - main.a)) <= slack]
    first, last = kept[0], kept[-1]
    start = max(0, first.b - first.a)
    end = min(len(words), last.b + last.size + (len(quote) - last.a - last.size))
    if 2 * sum(b.size for b in kept) / (len(quote) + end - start) < 0.4:
        return ""
    return " ".join(words[start:end])


_PUNCTUATION = "\"'.,;:!?()[]…"
QUOTE_MARKS = "\"'"


def _bare(words: list[str]) -> list[str]:
    """Words as they are lined up with the source: without the punctuation around them (a quote may
    start or end mid-sentence), and in small letters (a capital that differs is a difference to
    show in its place, not a reason to look elsewhere)."""
    return [w.strip(_PUNCTUATION).casefold() for w in words]


def first_difference(wanted: str, passage: str) -> str:
    """Where the quote first departs from the passage, in words an editor can search for."""
    quote, source = wanted.split(" "), passage.split(" ")
    matcher = difflib.SequenceMatcher(None, _bare(quote), _bare(source), autojunk=False)
    if matcher.ratio() < 0.5:  # too unlike for a first difference to mean anything
        return ""
    for op, q1, q2, s1, s2 in matcher.get_opcodes():
        if op == "equal":
            for q, src in zip(quote[q1:q2], source[s1:s2]):
                if q.strip(_PUNCTUATION) != src.strip(_PUNCTUATION):
                    return f'first difference: the quote has "{q}" where the source has "{src}" (capital letters)'
            continue
        if op == "replace":
            return f'first difference: the quote has "{" ".join(quote[q1:q2])}" where the source has ' \
                   f'"{" ".join(source[s1:s2])}"'
        if op == "delete":
            return f'first difference: the quote adds "{" ".join(quote[q1:q2])}"'
        if op == "insert":
            return f'first difference: the quote leaves out "{" ".join(source[s1:s2])}"'
    return "the words match; check the punctuation and quotation marks"


def _future_dates(checker: Checker) -> None:
    """A date after today is a typo (2062 for 2026) or a plan: an update dated next year would set
    the public "Updated" stamp and the feed. A story prepared ahead is checked --as-of its day."""
    content, now = checker.content, today()
    dated: list[tuple[object, str, str | None, str]] = []
    if content.story is not None:
        dated.append((content.story, "published", content.story.published, "story"))
    dated += [(e, "date", e.date, f'event "{e.id}"') for e in content.events]
    dated += [(q, "said_on", q.said_on, f'quote "{q.id}"') for q in content.quotes]
    dated += [(u, "date", u.date, f"update {i + 1}") for i, u in enumerate(content.updates)]
    dated += [(s, "published", s.published, f'source "{s.id}"') for s in content.sources]
    shown = "-".join(f"{n:02d}" for n in now)
    for item, field, value, entry in dated:
        if value is not None and parse_date(value).start.first > now:
            checker.error(item, (field,), entry, f'{field} "{value}" is after today ({shown})',
                     "check the year; to prepare a story that is published later, check and build it "
                     "--as-of its publication day (python3 tasks.py check --as-of YYYY-MM-DD, then build --as-of)")


def _plain_http(checker: Checker) -> None:
    """An http:// link takes readers of an https site to a page anyone on their network can read
    and change; most outlets serve the same page over https://. A warning: some sites have no
    https address, and an old link is better than none."""
    for s in checker.content.sources:
        links = [(("url",), s.url), (("reprint_of", "url"), s.reprint_of.url if s.reprint_of else None)]
        for field, url in links:
            if url and url.lower().startswith("http://"):
                checker.warn(s, field, f'source "{s.id}"', f"{'.'.join(field)} starts with http://, not https://",
                             "open the address with https:// instead; keep http:// only if the site has no https version")


DARK_BACKGROUND = "#1a1e26"  # the dark theme's page (overrides/assets/stylesheets/explainer.css)


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def side_contrast_problem(colour: str) -> str:
    """'' when white badge text on the colour reads (4.5:1) and the colour shows on the dark theme (3:1)."""
    on_white = contrast("#ffffff", colour)
    if on_white < 4.5:
        return f"is too light: white text on it has a contrast of {on_white:.1f}:1, under 4.5:1"
    on_dark = contrast(colour, DARK_BACKGROUND)
    if on_dark < 3:
        return f"is too dark for the dark theme: {on_dark:.1f}:1 against its background, under 3:1"
    return ""


QUOTE_EVENT_DAYS = 7  # a quote linked to an event further than this from it is probably linked wrongly


def _quote_far_from_event(checker: Checker) -> None:
    """A warning for a quote dated well outside the event it is shown under (a typo in a date, or
    the wrong event): it would sit in the timeline under another day."""
    events = {e.id: e for e in checker.content.events}
    for q in checker.content.quotes:
        event = events.get(q.event or "")
        if event is None or q.said_on is None:
            continue
        said, when = parse_date(q.said_on), parse_date(event.date)
        if said.start.precision != "day" or when.start.precision != "day":
            continue
        first, last = datetime.date(*when.start.first), datetime.date(*(when.end or when.start).last)
        day = datetime.date(*said.start.first)
        gap = (first - day).days if day < first else (day - last).days
        if gap > QUOTE_EVENT_DAYS:
            checker.warn(q, ("said_on",), f'quote "{q.id}"',
                    f'said_on "{q.said_on}" is {gap} days from its event "{event.id}" ({event.date})',
                    "check the date, or link the quote to the event it belongs to")
