"""Broken YAML never reaches the model and never shows a traceback: each file-level mistake an
editor can make (half-saved files, tabs, pasted bytes, YAML features we refuse) is one error
naming the file, line and column, with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL, StoryTree, check_errors
from generator.pipeline import check

from .conftest import api_errors

STORY = (SMALL / "story.yml").read_text(encoding="utf-8")
EVENTS = (SMALL / "events.yml").read_text(encoding="utf-8")
TITLE = "title: The harbour bridge dispute"

SYNTAX_HINT_COLON = ('  hint: line this field up with the one above it; if the text itself contains ": ", '
                     'put it in quotes, e.g. title: "Riverton: the vote"')
COLON_LEFT_OUT = "  hint: write the field's name, a colon and a space, then its value, e.g. title: The vote"
TAG_HINT = "  hint: remove the tag (the word starting with '!'); values are plain text"
EMPTY = ["content/events.yml:1:1: file is empty",
         "  hint: write the content, or delete the file if this story does not need it"]
NOT_A_LIST = ["content/events.yml:1:1: expected a list of event entries",
              '  hint: start each entry with "- ", e.g.  - id: my-entry']
NOT_FIELDS = ["content/story.yml:1:1: story: expected fields (name: value) at the top level",
              "  hint: start the file with a line like  title: ..."]
PASTED_HINT = ("  hint: delete it (it usually comes with text pasted from a web page, PDF or terminal); "
               "retype the characters around it if you cannot see it")
ESCAPE_HINT = "  hint: remove the escape sequence (a backslash followed by 0, x, u or U) that makes it"
NOT_UTF8_HINT = "  hint: save the file as UTF-8 (text pasted from a word processor may need retyping)"
BINARY = ["content/story.yml:1:1: file is binary, not text",
          "  hint: save it as plain UTF-8 text (a .yml file from a text editor)"]

CASES: dict[str, tuple[str, str | bytes, list[str]]] = {
    "tab_indentation_in_a_mapping": ("story.yml", "title: A\n\tdek: B\n", [
        "content/story.yml:2:1: YAML syntax error: a tab character is used for indentation",
        "  hint: YAML indentation must use spaces, not tabs"]),
    "tab_indentation_in_a_list_entry": ("events.yml", '- id: a\n\tdate: "2026"\n', [
        "content/events.yml:2:1: YAML syntax error: a tab character is used for indentation",
        "  hint: YAML indentation must use spaces, not tabs"]),
    "unclosed_double_quote": ("story.yml", 'title: "The bridge\ndek: B\n', [
        "content/story.yml:1:8: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "double_quote_left_open_before_more_entries": ("events.yml", '- id: a\n  date: "2026"\n  title: "The bridge\n'
                                                   '  summary: S.\n- id: b\n  date: "2026"\n  title: "B"\n', [
        "content/events.yml:3:10: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "double_quote_left_open_before_a_comment_and_the_next_field": ("events.yml", (
        '- id: a\n  # One line saying what happened.\n  title: "The bridge\n  # What happened.\n  summary: >-\n'
        '    The council "voted".\n- id: b\n  title: "B"\n'), [
        "content/events.yml:3:10: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "double_quote_left_open_before_a_blank_line": ("story.yml", 'title: "The bridge\n\n# A sentence.\ndek: "B"\n', [
        "content/story.yml:1:8: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "colon_left_out_inside_an_entry": ("events.yml", "- id: a\n  title The bridge\n  summary: S.\n", [
        "content/events.yml:2:3: YAML syntax error: a field's name is not followed by ':'", COLON_LEFT_OUT]),
    "colon_left_out_before_a_block_of_text": ("updates.yml", (
        '- date: "2026-03-10"\n  kind: update\n  text >-\n    First published.\n\n- date: "2026-03-11"\n'), [
        "content/updates.yml:3:3: YAML syntax error: a field's name is not followed by ':'", COLON_LEFT_OUT]),
    "colon_left_out_after_an_entrys_dash": ("actors.yml", "- id: a\n  name: A\n\n- id sam-rivera\n  name: Sam\n", [
        "content/actors.yml:4:3: YAML syntax error: a field's name is not followed by ':'", COLON_LEFT_OUT]),
    "unclosed_single_quote": ("story.yml", "dek: B\ntitle: 'The bridge\n", [
        "content/story.yml:2:8: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "field_indented_under_another": ("story.yml", "title: A\n  dek: B\n", [
        "content/story.yml:2:6: YAML syntax error: unexpected ':' (or wrong indentation)", SYNTAX_HINT_COLON]),
    "entry_field_out_of_line": ("events.yml", '- id: a\n   date: "2026"\n  title: B\n', [
        "content/events.yml:2:8: YAML syntax error: unexpected ':' (or wrong indentation)", SYNTAX_HINT_COLON]),
    "colon_and_space_in_unquoted_text": ("story.yml", "title: Tokyo: the reply\n", [
        "content/story.yml:1:13: YAML syntax error: unexpected ':' (or wrong indentation)", SYNTAX_HINT_COLON]),
    "list_item_at_the_wrong_depth": ("events.yml", "- id: a\n  sources:\n  - x\n - y\n", [
        "content/events.yml:4:2: YAML syntax error: this line is indented differently from the lines around it",
        "  hint: line it up with the other items of the same list or entry (use spaces)"]),
    "unclosed_one_line_list": ("events.yml", "- id: a\n  sources: [x, y\n", [
        "content/events.yml:2:12: YAML syntax error: a list or group written on one line is not closed with ']' "
        "or misses a comma",
        "  hint: separate items with commas and end with ']', e.g. sources: [minutes, herald]"]),
    "empty_file": ("events.yml", "", EMPTY),
    "file_of_blank_lines": ("events.yml", "  \n\n   \n", EMPTY),
    "file_that_is_only_a_comment": ("events.yml", "# events go here\n", EMPTY),
    "half_saved_file_cut_mid_entry": ("events.yml", '- id: a\n  date: "20', [
        "content/events.yml:2:9: YAML syntax error: a quoted text is never closed",
        "  hint: add the closing quotation mark, or remove the opening one"]),
    "plain_text_where_a_list_is_expected": ("events.yml", "the council voted\n", NOT_A_LIST),
    "fields_where_a_list_is_expected": ("events.yml", "id: council-vote\ntitle: x\n", NOT_A_LIST),
    "list_where_fields_are_expected": ("story.yml", "- title: A\n", NOT_FIELDS),
    "plain_text_where_fields_are_expected": ("story.yml", "The harbour bridge\n", NOT_FIELDS),
    "duplicate_top_level_key": ("story.yml", STORY + "title: Again\n", [
        'content/story.yml:18:1: duplicate key "title"',
        "  hint: each field may appear once per entry; remove or merge the repeated one"]),
    "duplicate_key_inside_an_entry": ("events.yml", EVENTS.replace(
        "  place: Riverton town hall\n", "  place: Riverton town hall\n  place: Town hall\n"), [
        'content/events.yml:9:3: duplicate key "place"',
        "  hint: each field may appear once per entry; remove or merge the repeated one"]),
    "latin1_byte": ("story.yml", STORY.encode().replace(b"The harbour", b"The caf\xe9 harbour"), [
        "content/story.yml:1:15: byte 0xe9 is not valid UTF-8 text", NOT_UTF8_HINT]),
    "windows_1252_curly_quotes": ("story.yml", STORY.encode().replace(b"The harbour bridge dispute",
                                                                      b"\x93The bridge\x94"), [
        "content/story.yml:1:8: byte 0x93 is not valid UTF-8 text", NOT_UTF8_HINT]),
    "png_saved_as_yml": ("story.yml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY),
    "utf16_file": ("story.yml", STORY.encode("utf-16"), BINARY),
    "raw_control_character": ("story.yml", STORY.replace("dispute", "dis\x08pute"), [
        "content/story.yml:1:30: the file contains an invisible control character (U+0008)", PASTED_HINT]),
    "invisible_line_separator": ("story.yml", STORY.replace("dispute", "dis\u2028pute"), [
        "content/story.yml:1:30: the file contains an invisible line separator (U+2028)", PASTED_HINT]),
    "escaped_nul_character": ("story.yml", STORY.replace(TITLE, 'title: "The harbour\\0 bridge"'), [
        "content/story.yml:1:8: the text contains an invisible control character (U+0000)", ESCAPE_HINT]),
    "escaped_lone_surrogate": ("story.yml", STORY.replace(TITLE, 'title: "The harbour \\ud83d bridge"'), [
        "content/story.yml:1:8: the text contains half of a broken character pair (U+D83D)", ESCAPE_HINT]),
    "deep_one_line_nesting": ("events.yml", "- " + "[" * 40 + "]" * 40 + "\n", [
        "content/events.yml:1:14: nesting is deeper than 12 levels",
        "  hint: content files need only a few levels; check the indentation"]),
    "billion_laughs_alias_bomb": ("story.yml", (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: *c\n"),
        ["content/story.yml:1:4: anchors and aliases (& and *) are not allowed", "  hint: write the value out in full"]),
    "single_anchor_and_alias": ("story.yml", STORY.replace("dek: A city", "dek: &d A city") + "x: *d\n", [
        "content/story.yml:2:6: anchors and aliases (& and *) are not allowed", "  hint: write the value out in full"]),
    "python_object_apply_tag": ("story.yml", STORY.replace(
        TITLE, "title: !!python/object/apply:os.system ['touch /tmp/pwned-by-yaml']"), [
        "content/story.yml:1:8: the YAML tag '!!python/object/apply:os.system' is not allowed",
        TAG_HINT]),
    "python_name_tag": ("story.yml", STORY.replace(TITLE, "title: !!python/name:os.system"), [
        "content/story.yml:1:8: the YAML tag '!!python/name:os.system' is not allowed", TAG_HINT]),
    "verbatim_python_tag": ("story.yml", STORY.replace(
        TITLE, "title: !<tag:yaml.org,2002:python/object/new:os.system> [ls]"), [
        "content/story.yml:1:8: the YAML tag '!!python/object/new:os.system' is not allowed",
        TAG_HINT]),
    "custom_include_tag": ("story.yml", STORY.replace(TITLE, "title: !include secrets.yml"), [
        "content/story.yml:1:8: the YAML tag '!include' is not allowed", TAG_HINT]),
    "binary_tag": ("story.yml", STORY.replace(TITLE, "title: !!binary aGVsbG8="), [
        "content/story.yml:1:8: the YAML tag '!!binary' is not allowed", TAG_HINT]),
    "two_documents_in_one_file": ("story.yml", STORY + "---\ntitle: second\n", [
        "content/story.yml:18:1: file holds more than one YAML document", "  hint: remove the extra '---' line"]),
    "list_used_as_a_key": ("story.yml", "? [a, b]\n: c\n" + STORY, [
        "content/story.yml:1:3: a key must be plain text", "  hint: write the field name followed by ':'"]),
}


def _write(story: StoryTree, name: str, data: str | bytes) -> None:
    story.write_bytes(name, data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize("case", CASES)
def test_broken_yaml_is_one_located_error_with_a_hint(story: StoryTree, case: str) -> None:
    name, data, expected = CASES[case]
    _write(story, name, data)
    assert api_errors(story.root) == expected


@pytest.mark.parametrize("case", ["tab_indentation_in_a_mapping", "unclosed_double_quote", "latin1_byte",
                                  "png_saved_as_yml", "billion_laughs_alias_bomb", "python_object_apply_tag",
                                  "raw_control_character", "empty_file"])
def test_cli_check_reports_broken_yaml_on_stderr_with_exit_1_and_no_traceback(story: StoryTree, case: str) -> None:
    name, data, expected = CASES[case]
    _write(story, name, data)
    # check_errors asserts exit code 1 and no traceback; the last line is the summary
    assert check_errors(story.root) == expected


def test_python_tag_never_runs_its_command(story: StoryTree, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    _write(story, "story.yml", STORY.replace(TITLE, f"title: !!python/object/apply:os.system ['touch {marker}']"))
    api_errors(story.root)
    check_errors(story.root)
    assert not marker.exists()


def test_byte_order_mark_is_accepted_and_not_part_of_the_title(story: StoryTree) -> None:
    _write(story, "story.yml", b"\xef\xbb\xbf" + STORY.encode())
    assert check(story.root).story.title == "The harbour bridge dispute"


def test_windows_line_endings_load_the_same_as_unix_ones(story: StoryTree) -> None:
    before = check(story.root)
    for path in sorted(story.root.rglob("*.yml")):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    after = check(story.root)
    assert (after.story, after.events, after.quotes) == (before.story, before.events, before.quotes)


def test_errors_in_a_windows_line_ending_file_keep_their_line_numbers(story: StoryTree) -> None:
    _write(story, "events.yml", EVENTS.replace('"2026-03-03"', '"2025-02-30"').replace("\n", "\r\n"))
    assert api_errors(story.root) == [
        'content/events.yml:2:9: event "council-vote": date "2025-02-30" is not a valid date: February 2025 has 28 days',
        "  hint: check the month and the day against a calendar"]


def test_yaml_file_extension_is_refused_with_the_right_name(story: StoryTree) -> None:
    story.write("events.yaml", EVENTS)
    assert api_errors(story.root) == ["content/events.yaml:1:1: content files must end in .yml, not .yaml",
                                      "  hint: rename it to events.yml"]


def test_missing_content_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    assert check_errors(tmp_path / "content") == [
        f"{tmp_path / 'content'}:1:1: content folder not found",
        "  hint: pass --content DIR, the folder holding story.yml"]


def test_every_broken_file_is_reported_in_one_run(story: StoryTree) -> None:
    _write(story, "story.yml", "title: A\n\tdek: B\n")
    _write(story, "events.yml", "")
    _write(story, "glossary.yml", b"\x00\x01")
    assert api_errors(story.root) == EMPTY + [
        "content/glossary.yml:1:1: file is binary, not text",
        "  hint: save it as plain UTF-8 text (a .yml file from a text editor)",
        "content/story.yml:2:1: YAML syntax error: a tab character is used for indentation",
        "  hint: YAML indentation must use spaces, not tabs"]


def test_a_folder_named_like_a_content_file_is_an_error_not_a_traceback(story: StoryTree) -> None:
    (story.root / "background" / "folder.yml").mkdir()
    assert check_errors(story.root) == [
        "content/background/folder.yml:1:1: this is a folder, not a file",
        "  hint: rename or remove the folder; content files are plain text files"]


def test_a_broken_link_named_like_a_content_file_is_an_error_not_a_traceback(story: StoryTree) -> None:
    (story.root / "background" / "gone.yml").symlink_to(story.root / "nowhere.yml")
    assert check_errors(story.root) == [
        "content/background/gone.yml:1:1: the file cannot be read (No such file or directory)",
        "  hint: check that the file exists and that you may read it"]
