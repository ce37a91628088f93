"""The newsroom's index page: site/index.html of `build-all`, one entry per explainer.

It is made from the built stories themselves (site/NAME/story.json, which every build publishes),
so the workflow's last job can write it from the sites its per-story jobs built, and the page
lists exactly what is published. Each entry: the title (a link to the story), the dek, the date
of the last update, the language.

Editors' text never runs: every value goes through text.inert() and is then HTML-escaped. The
page is one self-contained file: no script, no font, no request to any other host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from generator.dates import display, parse_date
from generator.folders import SITE_MARKER
from generator.locales import strings
from generator.text import inert

INDEX = "index.html"


@dataclass(frozen=True)
class Entry:
    name: str  # the story's folder in the site (and its name)
    title: str
    dek: str
    language: str
    updated: str  # YYYY-MM-DD


def entries(site: Path) -> list[Entry]:
    """The stories built into site/NAME/, the most recently updated first."""
    found = []
    for folder in sorted(p for p in site.iterdir() if (p / SITE_MARKER).is_file() and (p / "story.json").is_file()):
        data = json.loads((folder / "story.json").read_text(encoding="utf-8"))
        story = data["story"]
        found.append(Entry(folder.name, story["title"], story["dek"], story.get("language", "en"),
                           str(data.get("last_updated") or story["published"])[:10]))
    return sorted(found, key=lambda e: (e.updated, e.title), reverse=True)


def _text(value: str) -> Markup:
    return escape(inert(value))


def language_name(tag: str, in_language: str = "en") -> str:
    """'ja' -> 'Japanese' (Babel's names); the tag itself when Babel does not know it."""
    try:
        from babel import Locale, UnknownLocaleError

        return str(Locale.parse(tag.replace("-", "_")).get_display_name(in_language) or tag)
    except (ImportError, ValueError, UnknownLocaleError):
        return tag


def _day(iso: str, language: str = "en") -> str:
    try:
        return display(parse_date(iso), language)
    except Exception:  # noqa: BLE001 - a date story.json did not write: show it as it is
        return iso


_STYLE = """
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #fff; --muted: #4a4a55; --link: #2a3c9a; --rule: #d5d5dd; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececf1; --bg: #17171c; --muted: #b6b6c2; --link: #9fb0ff; --rule: #3a3a46; }
}
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
.lead, .meta { color: var(--muted); }
ol { list-style: none; padding: 0; margin: 1.5rem 0 0; }
li { border-top: 1px solid var(--rule); padding: 1.1rem 0; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .35rem; }
a { color: var(--link); text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
p { margin: .25rem 0; }
.meta { font-size: .9375rem; }
"""


def page(stories: list[Entry], title: str | None = None, language: str = "en") -> str:
    """The index page's HTML. Labels are in the page's language (generator/locales; English for a
    language without a table); each entry carries its own story's language, so a screen reader
    reads a Japanese title in Japanese."""
    tr = strings(language)
    language = tr.language
    title = title or tr.t("newsroom.title")
    summary = tr.t("newsroom.count", len(stories))
    items = []
    for s in stories:
        lang = escape(s.language)
        items.append(
            f'<li>\n<article aria-labelledby="story-{escape(s.name)}">\n'
            f'<h2 id="story-{escape(s.name)}" lang="{lang}"><a href="{escape(s.name)}/" hreflang="{lang}">'
            f"{_text(s.title)}</a></h2>\n"
            f'<p lang="{lang}">{_text(s.dek)}</p>\n'
            f'<p class="meta">{escape(tr.t("newsroom.updated"))} <time datetime="{escape(s.updated)}">'
            f"{escape(_day(s.updated, language))}</time>"
            f" · {escape(language_name(s.language, language))}</p>\n</article>\n</li>")
    listing = "\n".join(items) if items else f"<li>{escape(tr.t('newsroom.empty'))}</li>"
    return (f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_text(title)}</title>\n"
            f'<meta name="description" content="{escape(summary)}">\n'
            f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{_text(title)}</h1>\n"
            f'<p class="lead">{escape(summary)}</p>\n'
            f"<ol>\n{listing}\n</ol>\n</main>\n</body>\n</html>\n")


def write_index(site: Path, title: str | None = None, language: str = "en") -> list[Entry]:
    """Write site/index.html for the stories built into site/NAME/; returns them."""
    stories = entries(site)
    (site / INDEX).write_text(page(stories, title, language), encoding="utf-8")
    return stories
