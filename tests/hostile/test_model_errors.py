"""Content that is valid YAML but not a valid story: every such mistake is reported with file,
line, column and the entry it belongs to, and nothing is built. The fixture story is edited one
mistake at a time, so each expected list is the complete output an editor reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import StoryTree, check_errors

from .conftest import api_errors

DATE_HINT = ("  hint: use YYYY, YYYY-MM or YYYY-MM-DD, add ~ for about or ? for uncertain, "
             "and start/end for a range (2025-11-24/2025-11-26)")
CALENDAR_HINT = "  hint: check the month and the day against a calendar"
ID_HINT = '  hint: ids use lowercase letters, digits and single hyphens, e.g. "council-vote"'

EMPTY_HINT = "  hint: write the text, or remove the field if it is optional"
TEXT_HINT = '  hint: if the text contains ": " or starts with a special character, put it in quotes'
LIST_HINT = '  hint: write each item on its own line starting with "- ", or as [a, b]'
URL_HINT = "  hint: copy the address from the browser: it starts with https:// (or http://)"
OUTSIDE_HINT = "  hint: keep source texts inside content/, e.g. text: sources/article.txt"
APPEND = "<append>"  # "old" of an edit that adds to the end of the file
PREPEND = "<prepend>"  # ... to its start
WHOLE = "<whole file>"  # ... that replaces all of it


def missing(where: str, entry: str, *fields: str) -> list[str]:
    """The lines for required fields missing from one entry (reported in alphabetical order)."""
    out = []
    for f in fields:
        out += [f'{where}: {entry}: required field "{f}" is missing', f"  hint: add a line  {f}: ...  to this entry"]
    return out


def duplicate(where: str, entry: str, ident: str, first: str) -> list[str]:
    return [f'{where}: {entry}: id "{ident}" is used more than once', f"  hint: first used at {first}; ids must be unique"]


def id_hint(example: str) -> str:
    """The hint for a value that is not an id: its example is the id the value would be."""
    return ID_HINT.replace('"council-vote"', f'"{example}"')


# name -> (file, old text, new text, expected lines)
CASES: dict[str, tuple[str, str, str, list[str]]] = {
    # every required field missing, for every kind of entry
    "story_with_no_required_field": ("story.yml", WHOLE, "language: en\n",
                                     missing("content/story.yml:1:1", "story", "dek", "published", "summary", "title")),
    "empty_event": ("events.yml", APPEND, "- {}\n",
                    missing("content/events.yml:25:3", "event 4", "date", "id", "sources", "summary", "title")),
    "empty_quote": ("quotes.yml", APPEND, "- {}\n", missing("content/quotes.yml:19:3", "quote 3", "context", "id",
                                                           "kind", "source", "speaker", "text")),
    "empty_actor": ("actors.yml", APPEND, "- {}\n",
                    missing("content/actors.yml:17:3", "actor 4", "id", "kind", "name", "role")),
    "empty_source": ("sources.yml", APPEND, "- {}\n",
                     missing("content/sources.yml:13:3", "source 3", "id", "publisher", "title")),
    "empty_glossary_term": ("glossary.yml", APPEND, "- {}\n",
                            missing("content/glossary.yml:7:3", "term 3", "definition", "term")),
    "empty_update": ("updates.yml", APPEND, "- {}\n", missing("content/updates.yml:8:3", "update 3", "date", "kind", "text")),
    "empty_key_point": ("key_points.yml", APPEND, "- {}\n",
                        missing("content/key_points.yml:8:3", "key point 3", "sources", "text")),
    "empty_background_section": ("background/the-harbour.yml", "sections:\n", "sections:\n  - {}\n",
                                 missing("content/background/the-harbour.yml:7:5", 'background "the-harbour" section 1',
                                         "body", "heading", "sources")),
    "empty_story_phase": ("story.yml", "phases:\n", "phases:\n  - {}\n",
                          missing("content/story.yml:14:5", "phase 1", "id", "title")),
    # wrong types
    "title_written_as_a_list": ("story.yml", "title: The harbour bridge dispute", "title: [The, bridge]", [
        "content/story.yml:1:8: story: title should be text, found a list", TEXT_HINT]),
    "title_written_as_fields": ("story.yml", "title: The harbour bridge dispute", "title:\n  text: The bridge", [
        "content/story.yml:2:3: story: title should be text, found fields", TEXT_HINT]),
    "summary_written_as_a_list": ("events.yml", "  summary: The council voted 5 to 4 for the harbour bridge.",
                                  "  summary:\n    - voted\n    - 5 to 4", [
        'content/events.yml:5:5: event "council-vote": summary should be text, found a list', TEXT_HINT]),
    "sources_written_as_text": ("events.yml", "  sources: [council-minutes]\n  tags", "  sources: council-minutes\n  tags", [
        'content/events.yml:6:12: event "council-vote": sources should be a list, found the text "council-minutes"',
        LIST_HINT]),
    "actors_written_as_fields": ("events.yml", "actors: [mayor-lee, riverton-council]", "actors: {mayor: mayor-lee}", [
        'content/events.yml:5:11: event "council-vote": actors should be a list, found fields', LIST_HINT]),
    "related_written_as_text": ("background/the-harbour.yml",
                                "related:\n  events: [council-vote]\n  actors: [mayor-lee]\n  terms: [ferry-agreement]",
                                "related: council-vote", [
        'content/background/the-harbour.yml:13:10: background "the-harbour": related should be fields (name: value), '
        'found the text "council-vote"']),
    "entry_written_as_a_list": ("events.yml", PREPEND, "- [council-vote, 2026]\n", [
        "content/events.yml:1:3: event 1: expected fields (name: value), found a list",
        "  hint: each entry is a group of lines like  title: ...  under a  - "]),
    "entry_written_as_text": ("actors.yml", APPEND, "- Dana Lee\n", [
        'content/actors.yml:17:3: actor 4: expected fields (name: value), found the text "Dana Lee"',
        "  hint: each entry is a group of lines like  title: ...  under a  - "]),
    "kind_written_as_a_list": ("quotes.yml", "kind: direct", "kind: [direct]", [
        'content/quotes.yml:4:9: quote "lee-proud": kind should be one of: direct, paraphrase, written, found a list',
        "  hint: write just one of them, e.g. kind: direct"]),
    "date_written_as_a_list": ("events.yml", 'date: "2026-03-03"', 'date: ["2026-03-03"]', [
        'content/events.yml:2:9: event "council-vote": date should be text, found a list', TEXT_HINT]),
    "sources_written_as_a_list_of_lists": ("events.yml", "  sources: [council-minutes]\n  tags",
                                           "  sources: [[council-minutes]]\n  tags", [
        'content/events.yml:6:13: event "council-vote": sources should be text, found a list', TEXT_HINT]),
    "aliases_written_as_fields": ("actors.yml", "aliases: [Samuel Diaz]", "aliases: {first: Samuel}", [
        'content/actors.yml:12:12: actor "mayor-diaz": aliases should be a list, found fields', LIST_HINT]),
    "background_sections_written_as_text": ("background/the-harbour.yml",
                                            "sections:\n  - heading: The ferry\n    body: The ferry runs every hour.\n"
                                            "    sources: [council-minutes]\n  - heading: The 1990 agreement\n"
                                            "    body: Both towns agreed to share the ferry's costs.\n"
                                            "    sources: [eastport-statement]\n", "sections: The ferry\n", [
        'content/background/the-harbour.yml:6:11: background "the-harbour": sections should be a list, found the text '
        '"The ferry"', LIST_HINT]),
    "related_written_as_a_list": ("background/the-harbour.yml",
                                  "related:\n  events: [council-vote]\n  actors: [mayor-lee]\n  terms: [ferry-agreement]",
                                  "related: [council-vote]", [
        'content/background/the-harbour.yml:13:10: background "the-harbour": related should be fields (name: value), '
        "found a list"]),
    "kind_misspelt": ("actors.yml", "kind: government", "kind: goverment", [
        'content/actors.yml:15:9: actor "riverton-council": kind "goverment" is not one of: person, government, '
        "organization, media", '  hint: did you mean "government"?']),
    "kind_yes_stays_text_and_is_refused": ("quotes.yml", "kind: direct", "kind: yes", [
        'content/quotes.yml:4:9: quote "lee-proud": kind "yes" is not one of: direct, paraphrase, written']),
    # unknown keys
    "misspelt_optional_field": ("events.yml", "  place: Riverton", "  plce: Riverton", [
        'content/events.yml:8:3: event "council-vote": unknown field "plce"', '  hint: did you mean "place"?']),
    "misspelt_required_field_reported_once": ("story.yml", "summary: |", "sumary: |", [
        'content/story.yml:3:1: story: unknown field "sumary"', '  hint: did you mean "summary"?']),
    "unknown_field_lists_the_allowed_ones": ("quotes.yml", "  via: the local paper", "  wibble: the local paper", [
        'content/quotes.yml:16:3: quote "diaz-breach": unknown field "wibble"',
        "  hint: fields allowed here: id, speaker, text, kind, said_on, context, source, via, event, note, "
        "note_sources, tags, original, said_in, misattributed"]),
    "misspelt_nested_field": ("background/the-harbour.yml", "  events: [council-vote]", "  event: [council-vote]", [
        'content/background/the-harbour.yml:14:3: background "the-harbour": unknown field "event"',
        '  hint: did you mean "events"?']),
    # ids that are not slugs (references to them wait for the id to be fixed)
    "id_with_capitals": ("events.yml", "id: council-vote", "id: Council-Vote", [
        'content/events.yml:1:7: event "Council-Vote": id "Council-Vote" is not a valid id', ID_HINT]),
    "id_with_a_space": ("actors.yml", "id: mayor-lee", "id: mayor lee", [
        'content/actors.yml:1:7: actor "mayor lee": id "mayor lee" is not a valid id', id_hint("mayor-lee")]),
    "id_with_a_double_hyphen": ("sources.yml", "id: eastport-statement", "id: eastport--statement", [
        'content/sources.yml:8:7: source "eastport--statement": id "eastport--statement" is not a valid id', id_hint("eastport-statement")]),
    "id_with_a_trailing_hyphen": ("quotes.yml", "id: diaz-breach", "id: diaz-breach-", [
        'content/quotes.yml:9:7: quote "diaz-breach-": id "diaz-breach-" is not a valid id', id_hint("diaz-breach")]),
    "id_with_an_accent": ("events.yml", "id: earlier-talks", "id: gespräche", [
        'content/events.yml:18:7: event "gespräche": id "gespräche" is not a valid id', ID_HINT]),
    "id_with_an_underscore": ("events.yml", "id: earlier-talks", "id: earlier_talks", [
        'content/events.yml:18:7: event "earlier_talks": id "earlier_talks" is not a valid id', id_hint("earlier-talks")]),
    "empty_id": ("events.yml", "id: earlier-talks", 'id: ""', [
        'content/events.yml:18:7: event "Talks between the towns": id "" is not a valid id', ID_HINT]),
    "reference_that_is_not_a_slug": ("events.yml", "actors: [mayor-lee, riverton-council]",
                                     "actors: [Mayor Lee, riverton-council]", [
        'content/events.yml:5:12: event "council-vote": actors "Mayor Lee" is not a valid id', id_hint("mayor-lee")]),
    # duplicate ids
    "duplicate_event_id": ("events.yml", APPEND, '- id: council-vote\n  date: "2026"\n  title: Again\n  summary: Again.\n'
                           "  sources: [council-minutes]\n", duplicate(
        "content/events.yml:25:7", 'event "council-vote"', "council-vote", "content/events.yml:1")),
    "duplicate_quote_id": ("quotes.yml", APPEND, "- id: lee-proud\n  speaker: mayor-lee\n  text: Again.\n  kind: paraphrase\n"
                           "  context: again\n  source: council-minutes\n", duplicate(
        "content/quotes.yml:19:7", 'quote "lee-proud"', "lee-proud", "content/quotes.yml:1")),
    "duplicate_actor_id": ("actors.yml", APPEND, "- id: mayor-lee\n  name: Dana Lee again\n  kind: person\n  role: Mayor\n",
                           duplicate("content/actors.yml:17:7", 'actor "mayor-lee"', "mayor-lee", "content/actors.yml:1")),
    "duplicate_source_id": ("sources.yml", APPEND, "- id: council-minutes\n  title: Other\n  publisher: Other\n", duplicate(
        "content/sources.yml:13:7", 'source "council-minutes"', "council-minutes", "content/sources.yml:1")),
    "glossary_terms_that_slug_alike": ("glossary.yml", APPEND, "- term: harbour BRIDGE\n  definition: Same, in capitals.\n",
                                       ['content/glossary.yml:7:9: term "harbour-bridge": term "harbour BRIDGE" is in '
                                        'the glossary twice (first as "Harbour bridge")',
                                        "  hint: first at content/glossary.yml:1; merge the two entries, or give this "
                                        "one an id of its own (id: harbour-bridge-2)"]),
    "glossary_id_clashing_with_another_terms_slug": ("glossary.yml", APPEND,
                                                     "- term: Bridge\n  id: ferry-agreement\n  definition: Clash.\n",
                                                     duplicate("content/glossary.yml:8:7", 'term "ferry-agreement"',
                                                               "ferry-agreement", "content/glossary.yml:4")),
    "duplicate_phase_id": ("story.yml", APPEND, "  - id: the-vote\n    title: Again\n", duplicate(
        "content/story.yml:18:9", 'phase "the-vote"', "the-vote", "content/story.yml:14")),
    # ids that clash with an anchor the page already has (a shared link would land elsewhere)
    "quote_id_equal_to_a_speakers_anchor": ("quotes.yml", "id: lee-proud", "id: said-mayor-lee", [
        'content/quotes.yml:1:7: quote "said-mayor-lee": id "said-mayor-lee" is already the link to the speaker '
        '"mayor-lee" on the Who said what page', '  hint: choose another id, e.g. "said-mayor-lee-quote"']),
    "quote_id_equal_to_the_page_anchor": ("quotes.yml", "id: diaz-breach", "id: who-said-what", [
        'content/quotes.yml:9:7: quote "who-said-what": id "who-said-what" is already the link to the page title on '
        "the Who said what page", '  hint: choose another id, e.g. "who-said-what-quote"']),
    # dangling references, one per kind of reference
    "key_point_source": ("key_points.yml", "sources: [council-minutes]", "sources: [council-minute]", [
        'content/key_points.yml:2:13: key point 1: sources "council-minute" is not in sources.yml',
        '  hint: did you mean "council-minutes"?']),
    "key_point_event": ("key_points.yml", "events: [council-vote]", "events: [council-vot]", [
        'content/key_points.yml:3:12: key point 1: events "council-vot" is not in events.yml',
        '  hint: did you mean "council-vote"?']),
    "key_point_note_source": ("key_points.yml", "note_sources: [council-minutes]", "note_sources: [minutes]", [
        'content/key_points.yml:7:18: key point 2: note_sources "minutes" is not in sources.yml',
        '  hint: did you mean "council-minutes"?']),
    "event_actor": ("events.yml", "actors: [mayor-diaz]", "actors: [mayor-dias]", [
        'content/events.yml:14:12: event "eastport-objects": actors "mayor-dias" is not in actors.yml',
        '  hint: did you mean "mayor-diaz"?']),
    "event_source": ("events.yml", "sources: [eastport-statement]", "sources: [eastport-statment]", [
        'content/events.yml:15:13: event "eastport-objects": sources "eastport-statment" is not in sources.yml',
        '  hint: did you mean "eastport-statement"?']),
    "event_phase": ("events.yml", "phase: the-reaction", "phase: reaction", [
        'content/events.yml:17:10: event "eastport-objects": phase "reaction" is not in story.yml (phases)',
        '  hint: did you mean "the-reaction"?']),
    "quote_speaker": ("quotes.yml", "speaker: mayor-diaz", "speaker: diaz", [
        'content/quotes.yml:10:12: quote "diaz-breach": speaker "diaz" is not in actors.yml',
        "  hint: add it to actors.yml or fix the spelling"]),
    "quote_source": ("quotes.yml", "source: eastport-statement", "source: herald", [
        'content/quotes.yml:15:11: quote "diaz-breach": source "herald" is not in sources.yml',
        "  hint: add it to sources.yml or fix the spelling"]),
    "quote_event": ("quotes.yml", "event: eastport-objects", "event: eastport-objections", [
        'content/quotes.yml:17:10: quote "diaz-breach": event "eastport-objections" is not in events.yml',
        '  hint: did you mean "eastport-objects"?']),
    "glossary_source": ("glossary.yml", "sources: [council-minutes]", "sources: [council]", [
        'content/glossary.yml:3:13: term "Harbour bridge": sources "council" is not in sources.yml',
        '  hint: did you mean "council-minutes"?']),
    "background_section_source": ("background/the-harbour.yml", "sources: [eastport-statement]", "sources: [eastport]", [
        'content/background/the-harbour.yml:12:15: background "the-harbour" section "The 1990 agreement": '
        'sources "eastport" is not in sources.yml', '  hint: did you mean "eastport-statement"?']),
    "background_related_event": ("background/the-harbour.yml", "events: [council-vote]", "events: [the-vote]", [
        'content/background/the-harbour.yml:14:12: background "the-harbour": related events "the-vote" is not in '
        "events.yml", "  hint: fix the spelling"]),
    "background_related_actor": ("background/the-harbour.yml", "actors: [mayor-lee]", "actors: [lee]", [
        'content/background/the-harbour.yml:15:12: background "the-harbour": related actors "lee" is not in actors.yml',
        "  hint: fix the spelling"]),
    "background_related_term": ("background/the-harbour.yml", "terms: [ferry-agreement]", "terms: [ferry]", [
        'content/background/the-harbour.yml:16:11: background "the-harbour": related terms "ferry" is not in '
        "glossary.yml", "  hint: fix the spelling"]),
    # dates
    "impossible_day_30_february": ("events.yml", '"2026-03-03"', '"2025-02-30"', [
        'content/events.yml:2:9: event "council-vote": date "2025-02-30" is not a valid date: February 2025 has 28 '
        'days', CALENDAR_HINT]),
    "impossible_29_february_outside_a_leap_year": ("events.yml", '"2026-03-03"', '"2026-02-29"', [
        'content/events.yml:2:9: event "council-vote": date "2026-02-29" is not a valid date: February 2026 has 28 '
        'days', CALENDAR_HINT]),
    "impossible_month_13": ("events.yml", '"2026-03-03"', '"2026-13-01"', [
        'content/events.yml:2:9: event "council-vote": date "2026-13-01" is not a valid date: there is no month 13; '
        'months run from 01 to 12', CALENDAR_HINT]),
    "reversed_interval": ("events.yml", '"2026-03-05/2026-03-07"', '"2026-03-07/2026-03-05"', [
        'content/events.yml:11:9: event "eastport-objects": date "2026-03-07/2026-03-05" ends before it starts',
        DATE_HINT]),
    "date_in_words": ("events.yml", '"2026-03-03"', '"3 March 2026"', [
        'content/events.yml:2:9: event "council-vote": date "3 March 2026" is not a valid date', DATE_HINT]),
    "date_with_slashes": ("events.yml", '"2026-03-03"', '"2026/03/03"', [
        'content/events.yml:2:9: event "council-vote": date "2026/03/03" is not a valid date', DATE_HINT]),
    "date_with_a_time": ("events.yml", '"2026-03-03"', '"2026-03-03T10:00"', [
        'content/events.yml:2:9: event "council-vote": date "2026-03-03T10:00" is not a valid date', DATE_HINT]),
    "edtf_season": ("events.yml", '"2026-03-03"', '"2026-21"', [
        'content/events.yml:2:9: event "council-vote": date "2026-21" uses an EDTF feature this site does not support',
        DATE_HINT]),
    "edtf_open_interval": ("events.yml", '"2026-03-05/2026-03-07"', '"2026-03-05/.."', [
        'content/events.yml:11:9: event "eastport-objects": date "2026-03-05/.." uses an EDTF feature this site does '
        "not support", DATE_HINT]),
    "empty_date": ("events.yml", '"2026-03-03"', '""', [
        'content/events.yml:2:9: event "council-vote": date "" is not a valid date', DATE_HINT]),
    "quote_date_in_words": ("quotes.yml", 'said_on: "2026-03-03"', 'said_on: "yesterday"', [
        'content/quotes.yml:5:12: quote "lee-proud": said_on "yesterday" is not a valid date', DATE_HINT]),
    "published_without_a_day": ("story.yml", 'published: "2026-03-10"', 'published: "2026-03"', [
        'content/story.yml:7:12: story: published "2026-03" must be a full date like 2025-11-27',
        "  hint: write year, month and day: YYYY-MM-DD"]),
    "update_dated_with_an_interval": ("updates.yml", '"2026-03-12"', '"2026-03-12/2026-03-13"', [
        'content/updates.yml:4:9: update 2 (2026-03-12/2026-03-13): date "2026-03-12/2026-03-13" must be a full date '
        "like 2025-11-27", "  hint: write year, month and day: YYYY-MM-DD"]),
    # empty and whitespace-only text
    "title_left_empty": ("story.yml", "title: The harbour bridge dispute", "title:", [
        "content/story.yml:1:7: story: title is empty", EMPTY_HINT]),
    "title_of_empty_quotes": ("story.yml", "title: The harbour bridge dispute", 'title: ""', [
        "content/story.yml:1:8: story: title is empty", EMPTY_HINT]),
    "title_of_spaces": ("story.yml", "title: The harbour bridge dispute", 'title: "    "', [
        "content/story.yml:1:8: story: title is empty", EMPTY_HINT]),
    "dek_of_zero_width_spaces": ("story.yml", "dek: A city council vote on a new bridge split two towns.",
                                 'dek: "\u200b\u200b\u2060"', ["content/story.yml:2:6: story: dek is empty", EMPTY_HINT]),
    "summary_of_blank_lines": ("events.yml", "  summary: Eastport's mayor called the vote a breach of trust.",
                               "  summary: |\n    \n     \n", [
        'content/events.yml:13:12: event "eastport-objects": summary is empty', EMPTY_HINT]),
    "empty_open_question": ("story.yml", "  - Who will pay for the bridge?", '  - ""', [
        "content/story.yml:11:5: story: questions is empty", EMPTY_HINT]),
    "blank_alias": ("actors.yml", "aliases: [Samuel Diaz]", 'aliases: ["  "]', [
        'content/actors.yml:12:13: actor "mayor-diaz": aliases is empty', EMPTY_HINT]),
    "event_with_an_empty_source_list": ("events.yml", "sources: [council-minutes]\n  tags", "sources: []\n  tags", [
        'content/events.yml:6:12: event "council-vote": sources needs at least one item',
        "  hint: add at least one id, e.g. [my-source]"]),
    # source texts and quote verification
    "source_text_escaping_the_content_folder": ("sources.yml", "text: sources/minutes.txt", "text: ../../etc/passwd", [
        'content/sources.yml:7:9: source "council-minutes": text "../../etc/passwd" points outside the content folder',
        OUTSIDE_HINT]),
    "source_text_absolute_path": ("sources.yml", "text: sources/minutes.txt", "text: /etc/passwd", [
        'content/sources.yml:7:9: source "council-minutes": text "/etc/passwd" points outside the content folder',
        OUTSIDE_HINT]),
    "source_text_that_does_not_exist": ("sources.yml", "text: sources/minutes.txt", "text: sources/minutes-2.txt", [
        'content/sources.yml:7:9: source "council-minutes": text file "sources/minutes-2.txt" does not exist',
        "  hint: check the path; it is relative to the content folder"]),
    "source_text_that_is_a_folder": ("sources.yml", "text: sources/minutes.txt", "text: sources", [
        'content/sources.yml:7:9: source "council-minutes": text "sources" is a folder, not a file',
        "  hint: name the .txt file inside it, e.g. text: sources/article.txt"]),
    "direct_quote_not_in_its_source": ("quotes.yml", "We are proud of this bridge.", "We are very proud of this bridge.", [
        'content/quotes.yml:3:9: quote "lee-proud": direct quote is not found word for word in source "council-minutes"',
        '  hint: closest passage in the source: "We are proud of this bridge."; first difference: the quote adds '
        '"very"; fix the words to match the source (only if the source reports what was said without quoting it, '
        "mark it kind: paraphrase)"]),
    "written_quote_not_in_its_source": ("quotes.yml", "  text: \"We are proud of this bridge.\"\n  kind: direct",
                                        "  text: The bridge will open in 2030.\n  kind: written", [
        'content/quotes.yml:3:9: quote "lee-proud": written quote is not found word for word in source "council-minutes"',
        '  hint: closest passage in the source: "this bridge." The meeting"; fix the words to match the source (only '
        "if the source reports what was said without quoting it, mark it kind: paraphrase)"]),
    # links and language, which reach the page as attributes
    "javascript_url": ("sources.yml", "url: https://example.org/minutes", "url: javascript:alert(1)", [
        'content/sources.yml:4:8: source "council-minutes": url "javascript:alert(1)" is not a web address', URL_HINT]),
    "url_without_scheme": ("sources.yml", "url: https://example.org/minutes", "url: example.org/minutes", [
        'content/sources.yml:4:8: source "council-minutes": url "example.org/minutes" is not a web address', URL_HINT]),
    "url_that_closes_the_attribute": ("sources.yml", "url: https://example.org/minutes",
                                      "url: 'https://example.org/\" onmouseover=\"alert(1)'", [
        'content/sources.yml:4:8: source "council-minutes": url "https://example.org/" onmouseover="alert(1)" is not a '
        "web address", URL_HINT]),
    "data_site_url": ("story.yml", "site_url: https://example.org/bridge/", "site_url: data:text/html,hi", [
        'content/story.yml:9:11: story: site_url "data:text/html,hi" is not a web address', URL_HINT]),
    "language_in_words": ("story.yml", "language: en", "language: English (UK)", [
        'content/story.yml:8:11: story: language "English (UK)" is not a language tag',
        "  hint: write a BCP 47 language tag such as en, ja or zh-Hant"]),
}


def apply(story: StoryTree, name: str, old: str, new: str) -> None:
    path = story.root / name
    text = path.read_text(encoding="utf-8")
    if old == APPEND:
        text += new
    elif old == PREPEND:
        text = new + text
    elif old == WHOLE:
        text = new
    else:
        assert old in text, f"fixture changed: {old!r} not in {name}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_invalid_content_is_reported_with_file_line_column_entry_and_hint(story: StoryTree, case: str) -> None:
    name, old, new, expected = CASES[case]
    apply(story, name, old, new)
    assert api_errors(story.root) == expected


@pytest.mark.parametrize("case", ["empty_event", "misspelt_required_field_reported_once", "id_with_capitals",
                                  "duplicate_event_id", "quote_speaker", "impossible_day_30_february",
                                  "source_text_escaping_the_content_folder", "direct_quote_not_in_its_source"])
def test_cli_check_prints_the_same_lines_exits_1_and_shows_no_traceback(story: StoryTree, case: str) -> None:
    name, old, new, expected = CASES[case]
    apply(story, name, old, new)
    assert check_errors(story.root) == expected


def test_source_text_symlinked_out_of_the_content_folder_is_refused(story: StoryTree, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("We are proud of this bridge. Password: hunter2\n", encoding="utf-8")
    link = story.root / "sources" / "minutes.txt"
    link.unlink()
    os.symlink(secret, link)
    assert api_errors(story.root) == [
        'content/sources.yml:7:9: source "council-minutes": text "sources/minutes.txt" points outside the content '
        "folder", OUTSIDE_HINT]


def test_source_folder_symlinked_out_of_the_content_folder_is_refused(story: StoryTree, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (story.root / "sources").rename(outside)
    os.symlink(outside, story.root / "sources")
    assert api_errors(story.root) == [
        'content/sources.yml:7:9: source "council-minutes": text "sources/minutes.txt" points outside the content '
        "folder", OUTSIDE_HINT]


def test_source_text_that_is_binary_is_reported_under_its_own_name(story: StoryTree) -> None:
    story.write_bytes("sources/minutes.txt", b"\x00\x01PDF")
    assert api_errors(story.root) == ["content/sources/minutes.txt:1:1: file is binary, not text",
                                      "  hint: save it as plain UTF-8 text (a .yml file from a text editor)"]


def test_every_mistake_in_a_file_is_listed_in_one_run(story: StoryTree) -> None:
    for case in ("event_actor", "event_phase", "date_with_slashes"):
        name, old, new, _ = CASES[case]
        apply(story, name, old, new)
    assert api_errors(story.root) == [
        'content/events.yml:2:9: event "council-vote": date "2026/03/03" is not a valid date', DATE_HINT,
        'content/events.yml:14:12: event "eastport-objects": actors "mayor-dias" is not in actors.yml',
        '  hint: did you mean "mayor-diaz"?',
        'content/events.yml:17:10: event "eastport-objects": phase "reaction" is not in story.yml (phases)',
        '  hint: did you mean "the-reaction"?']
