"""One model per content file. Field descriptions are written for editors: the
JSON Schemas and the editors' guide are generated from them."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Callable, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from generator.dates import DateError, parse_date
from generator.text import MARKDOWN_LINK

from generator.ids import SLUG
from generator.ids import SLUG_RE as _SLUG_RE
from generator.ids import lookalike_note


def _not_blank(value: str) -> str:
    # zero-width spaces, joiners and other invisible format characters alone show the reader nothing
    stripped = value.strip()
    if stripped and unicodedata.category(stripped[0]) != "Cf":
        return stripped  # the usual case, decided by one character instead of every one
    if not "".join(c for c in value if unicodedata.category(c) != "Cf").strip():
        raise ValueError("is empty")
    return stripped


def _slug(value: str) -> str:
    if not _SLUG_RE.match(value):
        raise ValueError(f'"{value}" is not a valid id' + lookalike_note(value))
    return value


def _edtf(value: str) -> str:
    try:
        parse_date(value)
    except DateError as exc:
        raise ValueError(str(exc)) from exc
    return value.strip()


def _full_date(value: str) -> str:
    try:
        value = _edtf(value)
    except ValueError as exc:
        if "is not a valid date: " in str(exc):  # a day the calendar does not have: said as such
            raise
        raise ValueError(f'"{value.strip()}" must be a full date like 2025-11-27') from None
    parsed = parse_date(value)
    if parsed.is_interval or parsed.start.precision != "day":
        raise ValueError(f'"{value}" must be a full date like 2025-11-27')
    return value


# Limits on what one field or list may hold (LIMITS.md; tests/hostile/test_limits.py keeps both in step).
MAX_LINE = 500  # characters in a one-line field (titles, names, roles, contexts)
MAX_QUESTIONS = 100  # open questions in story.yml
MAX_PHASES = 50  # phases in story.yml

# The JSON Schema hints (for editors' autocompletion and the published schemas) approximate
# the validators: the validators stay the authority and give the readable errors.
_EDTF_POINT = r"-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?"
EDTF_PATTERN = rf"^\s*{_EDTF_POINT}(/{_EDTF_POINT})?\s*$"
FULL_DATE_PATTERN = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"
_TEXT_SCHEMA = {"type": "string", "pattern": r"\S"}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _links(value: str) -> str:
    """A link meant for a web address that the site could not follow (no https://, a site path,
    a backslash) fails here, at its line, instead of failing the site build or landing elsewhere.
    A link with another scheme (javascript:, data:) is never made a link: it is shown as text."""
    if "](" in value:
        for match in MARKDOWN_LINK.finditer(" ".join(value.split())):
            url = match.group(2)
            if "\\" in url or url.startswith("//") or not (_SCHEME.match(url) or url.startswith("#")):
                raise ValueError(f'has a link to "{url[:80]}", which is not a web address')
    return value


Text = Annotated[str, AfterValidator(_not_blank), AfterValidator(_links), WithJsonSchema(_TEXT_SCHEMA)]
OneLine = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=MAX_LINE),
                    WithJsonSchema({**_TEXT_SCHEMA, "maxLength": MAX_LINE})]
Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG})]
EdtfDate = Annotated[str, AfterValidator(_edtf), WithJsonSchema({"type": "string", "pattern": EDTF_PATTERN})]
FullDate = Annotated[str, AfterValidator(_full_date), WithJsonSchema({"type": "string", "pattern": FULL_DATE_PATTERN})]

# A link is written into the page as an href: only web addresses, nothing that could close the attribute.
_WEB_URL = re.compile(r'^https?://[^\s<>"\\]+$', re.IGNORECASE)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _web_url(value: str) -> str:
    if not _WEB_URL.match(value):
        raise ValueError(f'"{value[:80]}" is not a web address')
    return value


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f'"{value[:80]}" is not a language tag')
    return value


_ONE_LINE_SCHEMA = WithJsonSchema({**_TEXT_SCHEMA, "maxLength": MAX_LINE})
WebUrl = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=MAX_LINE), AfterValidator(_web_url),
                   _ONE_LINE_SCHEMA]
Language = Annotated[str, AfterValidator(_not_blank), StringConstraints(max_length=MAX_LINE), AfterValidator(_language),
                     _ONE_LINE_SCHEMA]

def _flag(value: Any) -> Any:
    """Every YAML value is read as text: true and false are read here."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, str):
        raise ValueError(f'"{value[:80]}" is not true or false')
    return value


Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": "boolean"})]

MAX_ITEMS = 100_000


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    # Fields renamed since editors first wrote them: old name -> new. The loader still reads the old
    # name, as the new, and warns the editor to rename it (generator/load.py).
    renamed: ClassVar[dict[str, str]] = {}


class Phase(Model):
    """A stage of the story that groups timeline events ("The remark", "The calls")."""

    id: Slug = Field(description="Slug that events use in their `phase` field.")
    title: OneLine = Field(description="Heading shown on the timeline where the phase begins.")


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _colour(value: str) -> str:
    if not _COLOUR.match(value.strip()):
        raise ValueError(f'"{value[:40]}" is not a colour like #1f5fa8')
    return value.strip()


Colour = Annotated[str, AfterValidator(_colour), WithJsonSchema({"type": "string", "pattern": _COLOUR.pattern})]


class Side(Model):
    """A side in the story (a country, a camp): actors name theirs, and pages group people by side."""

    id: Slug = Field(description="Slug that actors use in their `side` field.")
    label: OneLine = Field(description="Name shown to readers.")
    colour: Colour = Field(description="Colour of the side's badges and marks, as #rrggbb; it must be readable as "
                           "text on white and on the dark theme (the check tests the contrast).")


class Topic(Model):
    """A topic's name for readers: events' and quotes' `tags` use its id."""

    id: Slug = Field(description="The tag that events and quotes use, e.g. trade.")
    label: OneLine = Field(description="Name shown to readers, in the timeline's topic filter and under each event.")


class Bullet(Model):
    """One line of "What you need to know" at the top of the front page."""

    text: Text = Field(description="One short sentence a reader can stop after. Markdown.")
    event: Slug | None = Field(None, description="Timeline event id: the bullet's one link to its evidence.")
    sources: list[Slug] = Field(min_length=1, description="Source ids that support it (at least one).")


class Story(Model):
    """story.yml: the explainer itself."""

    title: OneLine = Field(description="Headline of the explainer.")
    dek: OneLine = Field(description="One-sentence standfirst shown under the headline.")
    summary: Text = Field(description="1-3 short paragraphs: what happened and why it matters. Markdown.")
    published: FullDate = Field(description="Date first published, in full (2025-11-27).")
    language: Language = Field("en", description="BCP 47 language tag of the story, e.g. en or ja.")
    site_url: WebUrl | None = Field(None, description="Canonical address where the site is published.")
    edit_base: WebUrl | None = Field(None, description="This story's folder in the repository's web editor, for "
                                     "\"Edit this page\" links (https://github.com/OWNER/REPO/edit/main/"
                                     "stories/NAME/); without it, mkdocs.yml's extra.edit_base.")
    questions: list[Text] = Field([], max_length=MAX_QUESTIONS, description="Open questions: what we don't know yet.")
    phases: list[Phase] = Field([], max_length=MAX_PHASES, description="Stages of the story, in order, for the timeline.")
    byline: OneLine | None = Field(None, description='Who wrote it, shown under the headline ("By Ana Ruiz and '
                                   'Ben Ode").')
    need_to_know: list[Bullet] = Field([], max_length=5, description='"What you need to know": 3-5 bullets at the '
                                       "top of the front page, each with one link to its evidence.")
    key_exchange: list[Slug] = Field([], max_length=8, description="Quote ids shown side by side at the top of the "
                                     "front page: the words the story turns on.")
    sides: list[Side] = Field([], max_length=12, description="The sides in the story, in the order pages list them.")
    topics: list[Topic] = Field([], max_length=60, description="Names readers see for the topics in events' `tags`, "
                                "in the order the timeline's topic filter lists them; a tag not named here is shown "
                                "as it is written.")
    checking_intro: Text | None = Field(None, description="What this story was checked against and how, in the "
                                        "newsroom's words (e.g. the articles it began as a check of): shown at the "
                                        "top of the checking page, after its standard introduction. Markdown.")


Note = Field(None, description="An editor's accuracy note: what a source got wrong or where sources disagree, "
             "and the evidence. Shown on the checking page, with a mark beside the item (Markdown).")
NoteSources: Any = Field([], description="Source ids the accuracy note cites.")


class KeyPoint(Model):
    """key_points.yml: one bullet a reader gets first."""

    text: Text = Field(description="The point, one or two short sentences. Markdown.")
    sources: list[Slug] = Field(min_length=1, description="Source ids that support the point (at least one).")
    events: list[Slug] = Field([], description="Timeline event ids the point refers to.")
    note: Text | None = Note
    note_sources: list[Slug] = NoteSources


class Event(Model):
    """events.yml: one entry on the timeline."""

    id: Slug = Field(description="Stable slug; becomes the link /timeline/#id.")
    date: EdtfDate = Field(description="EDTF date or interval: 2025-11-07, 2025-11, 2025-11~, 2025-11-24/2025-11-26.")
    date_label: OneLine | None = Field(None, description="Display text overriding the date (never the order).")
    title: OneLine = Field(description="One line saying what happened.")
    summary: Text = Field(description="What happened, 1-3 sentences. Markdown.")
    actors: list[Slug] = Field([], description="Actor ids involved.")
    sources: list[Slug] = Field(min_length=1, description="Source ids (at least one).")
    tags: list[Slug] = Field([], description="Topics used to filter the timeline (diplomacy, trade...).")
    place: OneLine | None = Field(None, description="Where it happened, free text.")
    phase: Slug | None = Field(None, description="Phase id from story.yml.")
    key: Flag = Field(False, description="true for the story's key moments: marked on the timeline and drawn on "
                      "the key-moments strip.")
    note: Text | None = Note
    note_sources: list[Slug] = NoteSources


class Original(Model):
    """The words as they were said, in their own language, when `text` is a translation."""

    text: Text = Field(description="The words in the original language, exactly as the source prints them.")
    language: Language = Field(description="BCP 47 language tag of the original, e.g. ja or zh.")


class Quote(Model):
    """quotes.yml: who said what."""

    id: Slug = Field(description="Stable slug; becomes the link /who-said-what/#id.")
    speaker: Slug = Field(description="Actor id of who said or wrote it.")
    text: Text = Field(description="The words, exactly as published for direct and written quotes.")
    kind: Literal["direct", "paraphrase", "written"] = Field(
        description="direct (verbatim, in quotation marks), paraphrase (reported speech, no quotation marks) "
        "or written (from a statement or document)."
    )
    said_on: EdtfDate | None = Field(None, description="EDTF date when it was said.")
    context: OneLine = Field(description='Where and how, as it reads after the speaker\'s name and a comma '
                             '(lowercase): "told the council", "in the mayor\'s statement".')
    source: Slug = Field(description="Source id where the words were published.")
    via: OneLine | None = Field(None, description="The intermediary when the words reach us second-hand.")
    event: Slug | None = Field(None, description="Event id this quote belongs to.")
    note: Text | None = Field(None, description="An editor's note on the quote, shown on the checking page "
                              "(Markdown).")
    note_sources: list[Slug] = NoteSources
    tags: list[Slug] = Field([], description="Topics.")
    original: Original | None = Field(None, description="{text, language}: the words in the language they were "
                                      "said in. `text` is then a translation: shown as one, and checked against "
                                      "nothing; the original is checked against the source's text.")
    said_in: Language | None = Field(None, description="The language the words were said in when `text` is the "
                                     "source's own translation of them (ja, zh): shown as translated from it. "
                                     "With the words as said, give `original` instead.")
    misattributed: Flag = Field(False, description="true when a source printed these words as the speaker's but "
                                "the speaker did not say them: they are shown only on the checking page, "
                                "never under the speaker. Say what was really said in `note`.")


_NATIVE_LANGUAGE = ("BCP 47 tag of `native` (ja, zh-Hans, zh-Hant, ko), so browsers draw its characters as that "
                    "language does. Left out: kana means ja")


class Actor(Model):
    """actors.yml: a person, government, organisation or outlet."""

    renamed: ClassVar[dict[str, str]] = {"native_name": "native"}  # as in glossary.yml and places.yml

    id: Slug = Field(description="Stable slug; becomes the link /people/#id.")
    name: OneLine = Field(description="Display name.")
    kind: Literal["person", "government", "organization", "media"] = Field(
        description="person, government, organization or media.")
    role: OneLine = Field(description='Role at the time of the story ("Mayor of Riverton").')
    country: OneLine | None = Field(None, description="ISO 3166 alpha-2 code (JP) or country name.")
    native: OneLine | None = Field(None, description="Name in its own script (山田花子).")
    native_language: Language | None = Field(None, description=_NATIVE_LANGUAGE + ", hangul ko, and Chinese characters "
                                             "alone follow `country` (JP ja; CN, SG zh-Hans; TW, HK, MO zh-Hant; KR ko).")
    bio: Text | None = Field(None, description="1-2 sentences. Markdown.")
    aliases: list[OneLine] = Field([], description="Other spellings of the name.")
    side: Slug | None = Field(None, description="Side id from story.yml's `sides`.")
    principal: Flag = Field(False, description="true for the few people the story is about: listed first.")


class ReprintOf(Model):
    """Where a reprinted or syndicated text was first published, when that original is public."""

    publisher: OneLine = Field(description="Who first published it: the agency or outlet whose story the copy "
                               "carries (\"Eastport Wire\").")
    url: WebUrl = Field(description="Link (http or https) to the original.")


class Source(Model):
    """sources.yml: everything the story cites."""

    id: Slug = Field(description="Stable slug used in `sources:` and `source:` fields.")
    title: OneLine = Field(description="Headline or document title.")
    publisher: OneLine = Field(description="Outlet or institution.")
    url: WebUrl | None = Field(None, description="Link (http or https), where one exists.")
    published: EdtfDate | None = Field(None, description="EDTF publication date.")
    kind: Literal["article", "statement", "readout", "document", "reference"] | None = Field(
        None, description="article, statement, readout, document or reference.")
    text: OneLine | None = Field(None, description="Path under content/ of a local copy used to verify quotes; "
                                 "never published.")
    reprint_of: ReprintOf | None = Field(None, description="{publisher, url}: when `url` is a reprint or "
                                         "syndicated copy, the original it copies, if that is public. Readers get "
                                         "both links, the copy marked as a reprint.")


class Term(Model):
    """glossary.yml: a term explained, also shown as a tooltip on every page."""

    term: OneLine = Field(description="The term as readers meet it.")
    definition: Text = Field(description="Plain explanation, 1-2 sentences. Markdown.")
    id: Slug | None = Field(None, description="Anchor slug; defaults to the slug of the term.")
    aliases: list[OneLine] = Field([], description="Other forms that also get the tooltip.")
    native: OneLine | None = Field(None, description="The term in its own language (公共図書館).")
    native_language: Language | None = Field(None, description=_NATIVE_LANGUAGE + " and hangul ko; Chinese characters alone get none.")
    sources: list[Slug] = Field([], description="Source ids.")


class Update(Model):
    """updates.yml: the public log of updates and corrections."""

    date: FullDate = Field(description="Full date of the update (2025-11-28).")
    kind: Literal["update", "correction", "clarification"] = Field(description="update, correction or clarification.")
    text: Text = Field(description="What changed. Markdown.")
    events: list[Slug] = Field([], description="Timeline event ids the update concerns: linked under it.")


class Fact(Model):
    label: OneLine = Field(description="Short label in the at-a-glance box.")
    value: OneLine = Field(description="The fact.")


class Section(Model):
    heading: OneLine = Field(description="Section heading.")
    body: Text = Field(description="The section text, Markdown paragraphs.")
    sources: list[Slug] = Field(min_length=1, description="Source ids (at least one).")
    note: Text | None = Note
    note_sources: list[Slug] = NoteSources


class Related(Model):
    events: list[Slug] = Field([], description="Event ids.")
    actors: list[Slug] = Field([], description="Actor ids.")
    terms: list[Slug] = Field([], description="Glossary term ids.")


class BackgroundMap(Model):
    """A background page's map: the story's places.yml, or some of its places."""

    places: list[Slug] = Field([], description="Place ids from places.yml to show (the map fits them); leave "
                               "out for the front page's map and its close-up.")
    title: OneLine | None = Field(None, description="Heading above the map (default: Map, in the story's language).")


class Background(Model):
    """background/<slug>.yml: one background page."""

    title: OneLine = Field(description="Page title.")
    summary: Text = Field(description="The short answer, 1-2 sentences. Markdown.")
    facts: list[Fact] = Field([], description="At-a-glance box: list of {label, value}.")
    sections: list[Section] = Field(min_length=1, description="List of {heading, body, sources}.")
    related: Related = Field(default_factory=Related, description="{events, actors, terms} to link to.")
    map: BackgroundMap | None = Field(None, description="A locator map on this page, from places.yml: "
                                      "{places: [harbour, old-town]} for a map of those places, or "
                                      "{title: Where it is} for the front page's map.")


def _coordinate(limit: float, what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            if "_" in value:  # float() reads "51_5" as 515: the editor meant something else
                raise ValueError
            number = float(value)
        except ValueError:
            raise ValueError(f'"{value}" is not a number in decimal degrees') from None
        if not -limit <= number <= limit:
            raise ValueError(f"{value} is outside -{limit:g} to {limit:g} ({what})")
        return value.strip()
    return check


Latitude = Annotated[str, AfterValidator(_coordinate(90, "latitude"))]
Longitude = Annotated[str, AfterValidator(_coordinate(180, "longitude"))]


class Place(Model):
    """One place on the locator map."""

    id: Slug = Field(description="Slug used in `distances`.")
    name: OneLine = Field(description="Name in the text alternative (Millbrook).")
    native: OneLine | None = Field(None, description="Name in its own script (港町).")
    native_language: Language | None = Field(None, description=_NATIVE_LANGUAGE + " and hangul ko; Chinese characters alone get none.")
    lat: Latitude = Field(description="Latitude in decimal degrees, north positive (24.47).")
    lon: Longitude = Field(description="Longitude in decimal degrees, east positive (123.0).")
    label: OneLine | None = Field(None, description="Shorter text for the label on the map; defaults to the name.")
    side: Literal["right", "left", "above", "below"] = Field(
        "right", description="Where the label sits next to its dot: right, left, above or below (moved to "
        "another side when it would leave the map or cover another label).")
    kind: Literal["place", "city", "island", "country", "region", "sea"] = Field(
        "place", description="place, city or island: a dot with a label. country, region or sea: a name "
        "without a dot, centred on lat/lon (seas in italics).")


class Distance(Model):
    """A distance the story uses, drawn on the map as a dashed line."""

    between: list[Slug] = Field(min_length=2, max_length=2, description="The two place ids, e.g. [harbour, old-town].")
    label: OneLine | None = Field(None, description='Text shown, e.g. "about 110 km"; defaults to the great-circle '
                                  "distance between the two points, rounded.")


class Places(Model):
    """places.yml: the locator map of the places in the story (optional)."""

    title: OneLine = Field("Where it happened", description="Heading above the map.")
    caption: Text | None = Field(None, description="A sentence under the map. Markdown.")
    places: list[Place] = Field(min_length=1, max_length=60, description="The places, each with lat and lon.")
    distances: list[Distance] = Field([], max_length=30, description="Distances to draw between places.")
    close_up: list[Slug] = Field([], description="Place ids for a second, zoomed-in map (e.g. the islands "
                                 "nearest Taiwan); leave empty for one map.")
