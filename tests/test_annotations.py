"""`check --format github`: each error becomes an annotation on the exact line of the pull request."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import StoryTree, cli_in_process

ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)::(?P<message>.*)$")


def annotations(root: Path) -> list[dict[str, str]]:
    result = cli_in_process("check", "--content", root, "--format", "github", cwd=root.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [result.stderr.splitlines()[-1]]  # only the summary
    assert result.stderr.strip().endswith("found; nothing was built.")
    lines = result.stdout.splitlines()  # the Actions runner reads workflow commands from stdout
    found = [ANNOTATION.match(line) for line in lines]
    assert lines and all(found), lines
    return [m.groupdict() for m in found if m]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_unknown_speaker_is_annotated_on_its_line(story: StoryTree) -> None:
    quotes = story.root / "quotes.yml"
    quotes.write_text(quotes.read_text().replace("speaker: mayor-diaz", "speaker: mayor-dias"))
    [a] = annotations(story.root)
    assert a["file"] == "content/quotes.yml"
    assert int(a["line"]) == line_of(quotes, "speaker: mayor-dias")
    assert a["col"] == "12"
    assert a["message"] == ('content/quotes.yml:{}:12: quote "diaz-breach": speaker "mayor-dias" is not in actors.yml'
                            '%0A  hint: did you mean "mayor-diaz"?').format(a["line"])


def test_every_error_gets_its_own_annotation(story: StoryTree) -> None:
    events = story.root / "events.yml"
    text = events.read_text().replace("summary: The two mayors", "sumary: The two mayors")
    events.write_text(text.replace('date: "2026-03-03"', 'date: "3 March 2026"'))
    found = annotations(story.root)
    assert {(a["file"], int(a["line"])) for a in found} >= {
        ("content/events.yml", line_of(events, "3 March 2026")),
        ("content/events.yml", line_of(events, "sumary:")),
    }


def test_annotation_text_escapes_newlines_and_percent_signs(story: StoryTree) -> None:
    quotes = story.root / "quotes.yml"
    quotes.write_text(quotes.read_text().replace("speaker: mayor-lee", "speaker: lee-100%"))
    [a] = annotations(story.root)
    assert a["line"] == str(line_of(quotes, "lee-100%"))
    assert "lee-100%25" in a["message"] and "lee-100%\"" not in a["message"]
    assert "%0A  hint: " in a["message"]


def test_a_comma_or_colon_in_a_file_name_cannot_break_the_annotation() -> None:
    from generator.errors import ContentError

    err = ContentError("content/background/a,b:c.yml", 3, 5, "", "file is empty")
    assert err.github().startswith("::error file=content/background/a%2Cb%3Ac.yml,line=3,col=5::")
