"""`python -m generator new DIR`: start a new story with a small, valid example in every file.

The example is a fictional town's story (Millbrook, its council and its library), so that an
editor sees every file filled in, with a comment on each field, and can replace the words one
file at a time. It checks and builds as it is: `python -m generator check --content DIR`.

It writes only into a new or empty folder, never over a file, and writes nothing at all when
the title or language given would make an invalid story (exit 2, as for any usage error)."""

from __future__ import annotations

import datetime
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator import models
from generator.dates import today

ROOT = Path(__file__).resolve().parent.parent  # the repository (the generator is installed editable)
SCHEMAS = ROOT / "schemas"
DEFAULT_TITLE = "Working title: change me in story.yml"

# Each file of the new story: its path in DIR and its text. {schema} is the path from the
# file's folder to schemas/; dates are filled in relative to today (the check refuses future
# dates); {title} and {language} are the values given on the command line, quoted for YAML;
# {name} is the story folder's name (in the example addresses, commented out).
FILES: dict[str, str] = {}

FILES["story.yml"] = """\
# yaml-language-server: $schema={schema}/story.schema.json
#
# The explainer itself. This folder holds an EXAMPLE story about a fictional town,
# written by `python -m generator new`: replace its words with your story's, file by
# file, and run the check after each change. The first line above lets your editor
# suggest field names and explain each one when you hover over it: keep it.

# The headline, shown at the top of the front page.
title: {title}

# One sentence under the headline: the story in a nutshell.
dek: Millbrook's town council voted to keep the public library open on Saturdays.

# What happened and why it matters, in one to three short paragraphs. Text after ">-"
# may run over several lines. *Stars* make italics; a link is [words](https://...).
summary: >-
  Millbrook town council voted to keep the public library open on Saturdays,
  after a review had proposed closing it at weekends to save money.

  The library trust, which runs the building, says it needs two more staff.

# The day the explainer is first published: year-month-day, always in quotes.
published: "{published}"

# The language you write the story in, as a short code: en (English), es (Spanish), fr (French).
language: {language}

# The address where the site will be published (with the publishing workflow of the README:
# https://OWNER.github.io/REPOSITORY/{name}/). Remove the # when you know it.
# site_url: https://OWNER.github.io/REPOSITORY/{name}/

# This story's folder in GitHub's editor, for "Edit this page" links. Remove the # to use it.
# edit_base: https://github.com/OWNER/REPOSITORY/edit/main/stories/{name}/

# What we do not know yet, one question per line, each starting with "- ".
questions:
  - Who will pay for the two extra staff?

# The stages of the story, in order. An event names its stage in its `phase` field,
# and the timeline shows the stage's title where it begins.
phases:
  - id: the-vote
    title: The vote

# The names readers see for the topics in events' `tags`, in the order the timeline's
# topic filter lists them. A tag without a name here is shown as it is written.
topics:
  - id: local-government
    label: Local government
"""

FILES["events.yml"] = """\
# yaml-language-server: $schema={schema}/events.schema.json
#
# The timeline: one entry per thing that happened, each starting with "- ".
# The site sorts events by date; keeping this file in date order makes it easier to read.

# id: a short name, lowercase words joined by hyphens. It becomes the link
# /timeline/#council-vote that readers share: never change it once published.
- id: council-vote
  # When it happened, in quotes: "2026-03-03", "2026-03" for a month, "2026-03~" for
  # "about", "2026-03-03?" when the day is uncertain, "2026-03-03/2026-03-05" for a span.
  date: "{event_date}"
  # One line saying what happened, in the past tense.
  title: Millbrook council voted to keep the library open on Saturdays
  # What happened, in one to three sentences.
  summary: >-
    The council voted 7 to 2 against closing the public library at weekends,
    as a review of the town's spending had proposed.
  # Who took part: ids from actors.yml.
  actors: [robin-example]
  # Where we know it from: ids from sources.yml. At least one.
  sources: [council-minutes]
  # Topics readers can filter the timeline by: short ids of your choosing, named for
  # readers in story.yml (`topics`).
  tags: [local-government]
  # Where it happened, in plain words.
  place: Millbrook town hall
  # The stage of the story, from `phases` in story.yml.
  phase: the-vote
"""

FILES["quotes.yml"] = """\
# yaml-language-server: $schema={schema}/quotes.schema.json
#
# Who said what. kind says how the words reach us:
#   direct      the exact spoken words, shown in quotation marks
#   written     the exact words of a statement or document
#   paraphrase  reported speech, shown without quotation marks
# A direct or written quote must be found word for word in its source's local text
# (`text:` in sources.yml): the check compares them.

# id: a short name; it becomes the link /who-said-what/#chair-saturdays.
- id: chair-saturdays
  # Who said it: an id from actors.yml.
  speaker: robin-example
  # The words, exactly as the source gives them (without the quotation marks).
  text: "Our library will stay open on Saturdays, and we will find the money for it."
  kind: direct
  # When it was said.
  said_on: "{event_date}"
  # Where and how, in a few words.
  context: told the council after the vote
  # Where the words were published: an id from sources.yml.
  source: council-minutes
  # The event the quote belongs to: an id from events.yml.
  event: council-vote
"""

FILES["actors.yml"] = """\
# yaml-language-server: $schema={schema}/actors.schema.json
#
# The people, governments, organizations and outlets in the story.
# This one is a fictional person: replace them with a real one from your story.

# id: a short name other files use to refer to them; the link /people/#robin-example.
- id: robin-example
  # The name readers see.
  name: Robin Example
  # person, government, organization or media.
  kind: person
  # Their role at the time of the story.
  role: Chair of Millbrook town council
  # Optional: the country (a two-letter code such as GB, or its name), the name in its
  # own script (native), other spellings (aliases) and a short biography (bio).
  country: GB
  bio: A fictional council chair, elected in 2024, used as an example.
"""

FILES["sources.yml"] = """\
# yaml-language-server: $schema={schema}/sources.schema.json
#
# Everything the story cites. Other files refer to a source by its id.

# id: a short, stable name; other files write it in `sources:` and `source:`.
- id: council-minutes
  # The headline or the document's title, and who published it.
  title: Minutes of the Millbrook town council meeting
  publisher: Millbrook town council
  # The address where readers can read it (https://...), if there is one.
  url: https://example.org/millbrook/council-minutes
  # When it was published.
  published: "{source_date}"
  # article, statement, readout, document or reference.
  kind: document
  # Optional: a copy of the text, in the sources/ folder, that the check searches for
  # direct and written quotes. It is never published.
  text: sources/council-minutes.txt
"""

FILES["sources/council-minutes.txt"] = """\
Minutes of the Millbrook town council meeting (a fictional example).

The council considered the review of the town's spending, which proposed closing the
public library at weekends. The motion to keep it open on Saturdays was carried by
7 votes to 2.

After the vote the chair, Robin Example, said: “Our library will stay open on Saturdays,
and we will find the money for it.”

The meeting closed at 9 pm.
"""

FILES["glossary.yml"] = """\
# yaml-language-server: $schema={schema}/glossary.schema.json
#
# Terms explained on the glossary page. Wherever a term appears on the site, readers
# can also hover over it (or tap it) to read its definition.

# The term as readers meet it.
- term: Library trust
  # A plain explanation in one or two sentences.
  definition: >-
    The charity that runs Millbrook's library building and its staff, paid for
    by the town council.
  # Optional: other forms that also get the explanation, and the sources it rests on.
  aliases: [the trust]
  sources: [council-minutes]
"""

FILES["places.yml"] = """\
# yaml-language-server: $schema={schema}/places.schema.json
#
# The map on the front page: the places of the story, with real coastlines around them.
# The two below are EXAMPLE coordinates near a coast: replace them with your story's places.
# Find a place's latitude and longitude on any online map (right-click the place).

# The heading above the map, and a sentence under it.
title: Where it happened
caption: Millbrook and the neighbouring town of Eastford (fictional names on example coordinates).
places:
  # id: a short name, used in `distances` below.
  - id: millbrook
    # The name readers see.
    name: Millbrook
    # Decimal degrees, in quotes: latitude north positive, longitude east positive.
    lat: "52.950"
    lon: "1.100"
    # Where the name sits next to its dot: right, left, above or below.
    side: right
  - id: eastford
    name: Eastford
    lat: "52.630"
    lon: "1.300"
    side: left
# Distances drawn as a dashed line. Without `label`, the map shows the straight-line
# distance between the two places, rounded ("about 40 km").
distances:
  - between: [millbrook, eastford]
"""

FILES["background/the-library.yml"] = """\
# yaml-language-server: $schema={schema}/background.schema.json
#
# A background page: what readers need to know to follow the story. The file name
# (the-library) becomes its address, /background/the-library/: lowercase words and hyphens.

# The page's title, and the short answer in one or two sentences.
title: Millbrook's public library
summary: The library has been run by the library trust for the town council since 1998.

# Optional: an at-a-glance box of short facts, each with a label and a value.
facts:
  - label: Opening days
    value: Monday to Saturday

# The page's sections: a heading, the text and at least one source each.
sections:
  - heading: Why weekends matter
    body: >-
      According to the council's minutes, Saturday is the busiest day of the week.
    sources: [council-minutes]

# Optional: links to related events, people and glossary terms, by their ids.
related:
  events: [council-vote]
  actors: [robin-example]
  terms: [library-trust]
"""

FILES["updates.yml"] = """\
# yaml-language-server: $schema={schema}/updates.schema.json
#
# The public log of updates and corrections, newest first. The newest date is shown as
# the story's "Updated" date and goes to readers who follow the site's feed.

# The day of the update, in full, in quotes.
- date: "{published}"
  # update, correction or clarification.
  kind: update
  # What changed, in a sentence.
  text: First published.
"""

FILES["key_points.yml"] = """\
# yaml-language-server: $schema={schema}/key_points.schema.json
#
# The points a reader gets first, on the front page: one or two sentences each.

# The point itself.
- text: Millbrook's library stays open on Saturdays after the council voted 7 to 2.
  # The sources that support it (at least one), and the events it refers to.
  sources: [council-minutes]
  events: [council-vote]
"""


def main(folder: Path, title: str | None, language: str | None) -> int:
    """Write the example story into folder (new or empty); 0 when written, 2 when refused."""
    values = {"title": _valid(models.OneLine, title or DEFAULT_TITLE, "--title"),
              "language": _valid(models.Language, language or "en", "--language")}
    why = _refusal(folder)
    if why or values["title"] is None or values["language"] is None:
        if why:
            print(f"error: {folder}: {why}; nothing was written. Name a new or empty folder, "
                  "e.g. stories/my-story", file=sys.stderr)
        return 2
    texts = stories_files(folder, str(values["title"]), str(values["language"]))
    problems = _self_check(texts)
    if problems:
        print("error: the story would not pass the check, so nothing was written:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    try:
        written = _write(folder, texts)
    except FileExistsError as exc:  # something appeared in the folder meanwhile: never overwrite it
        print(f"error: {exc.filename} already exists; it was left as it was", file=sys.stderr)
        return 2
    _report(folder, written)
    return 0


def stories_files(folder: Path, title: str, language: str) -> dict[str, str]:
    """The text of every file of the new story, by its path inside folder."""
    day = datetime.date(*today())
    dates = {"published": day, "source_date": day - datetime.timedelta(days=6),
             "event_date": day - datetime.timedelta(days=7)}
    values = {"title": _quoted(title), "language": _quoted(language), "name": folder.resolve().name,
              **{name: d.isoformat() for name, d in dates.items()}}
    return {name: text.format(schema=schema_path(folder / name), **values) for name, text in FILES.items()}


def schema_path(file: Path, schemas: Path = SCHEMAS) -> str:
    """The schemas folder as seen from file's folder: a relative path (what the story's own files
    use), or the absolute path when the two have no folder in common but the root of the disk."""
    here, there = Path(os.path.abspath(file.parent)), Path(os.path.abspath(schemas))
    try:
        common = Path(os.path.commonpath([here, there]))
        if common != Path(common.anchor):
            return Path(os.path.relpath(there, here)).as_posix()
    except ValueError:  # different drives (Windows)
        pass
    return there.as_posix()


def _valid(kind: Any, value: str, option: str) -> str | None:
    """value checked by the same rules as the story's own field; None (reported) when it fails."""
    try:
        return str(TypeAdapter(kind).validate_python(value))
    except ValidationError as exc:
        why = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        print(f"error: {option} {value[:80]!r}: {why}", file=sys.stderr)
        return None


_NOT_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def _quoted(value: str) -> str:
    """value as a YAML double-quoted string, readable (non-ASCII kept) and safe (controls escaped)."""
    return _NOT_PLAIN.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _refusal(folder: Path) -> str:
    if folder.is_symlink() and not folder.exists():
        return "that is a link to a folder that does not exist"
    if not folder.exists():
        return ""
    if not folder.is_dir():
        return "that is a file, not a folder"
    if any(folder.iterdir()):
        return "that folder is not empty"
    return ""


def _self_check(texts: dict[str, str]) -> list[str]:
    """Check the story in a scratch folder first: the title and language the editor gave are
    written into it, and the check is the authority on what it accepts."""
    from generator.errors import ContentErrors
    from generator.pipeline import check

    scratch = Path(tempfile.mkdtemp(prefix="story-new-"))
    try:
        _write(scratch / "story", texts)
        check(scratch / "story")
    except ContentErrors as exc:
        return [f"{e.message}" + (f" ({e.hint})" if e.hint else "") for e in exc.errors]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return []


def _write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never over an existing file
            file.write(text)
        written.append(path)
    return written


def _report(folder: Path, written: list[Path]) -> None:
    print(f"Started a new story in {folder}:")
    for path in written:
        print(f"  {path}")
    where = _from_repository(folder)
    name = folder.resolve().name
    # a story in stories/NAME is named by NAME, as EDITORS.md shows; any other folder by its path
    named = where == f"stories/{name}"
    story = name if named else f"--content {shlex.quote(where)}"
    print("\nNext, from the repository's folder:")
    print(f"  python3 tasks.py check {story}")
    print(f"  python3 tasks.py serve {story}      # live preview at http://127.0.0.1:8000, reloaded on every save")
    print(f"  python3 tasks.py build {story}" + ("" if named else f" --site {shlex.quote(f'site.{name}')}")
          + f"      # the site, into site.{name}/")
    print("EDITORS.md explains every file.")


def _from_repository(folder: Path) -> str:
    """folder as the tasks.py commands (run in the repository) see it."""
    path = folder.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
