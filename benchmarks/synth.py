"""Synthetic stories for the scale benchmark: a content folder of N events that passes `check`.

Proportions follow the real story (content/, late 2026): for every 35 events there are about
20 quotes, 35 actors and 60 sources. The glossary grows with the square root of the story
(Heaps' law: a story ten times longer brings about three times as many new terms), because
every term is a tooltip on every page and a story-level vocabulary does not grow with the
number of events. Who appears in events and who speaks follows a steep power law, as in the
real story (two people are in a quarter of all events).

About half of the quotes are direct or written, and every one of those has a source with a
local text that contains its words (with curly quotes and dashes in one and straight ones in
the other), so quote verification runs at full scale.

    python benchmarks/synth.py 2000 /tmp/story-2000
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

WORDS = ("agreement alliance ambassador announcement armed army bilateral border budget cabinet call ceasefire "
         "coalition commander committee conference court crisis delegation deputy diplomat dispute economy "
         "election embassy envoy exports fleet foreign government harbour hearing imports inquiry island "
         "justice leader legislation market meeting military minister ministry navy negotiation observer "
         "parliament party patrol peace pipeline police policy port president press prosecutor protest "
         "railway referendum region report sanctions security senator shipping spokesperson statement strait "
         "summit tariff territory testimony trade treaty tribunal troops truce union vessel visit vote warning "
         "witness").split()
VERBS = "said warned agreed rejected announced proposed denied confirmed signed demanded opened closed".split()
FIRST = ("Ana Bruno Chen Dana Emil Farah Goran Hana Ivan Jun Kaia Luis Mira Noor Omar Priya Quinn Rosa Sami "
         "Tomas Uma Vera Wen Xavi Yuki Zara").split()
LAST = ("Abe Baker Costa Dahl Eze Fujita Garcia Horvat Ito Jensen Kim Lopez Mori Novak Okafor Park Quispe "
        "Rossi Sato Tan Ueda Varga Wong Xu Yilmaz Zhou").split()
OUTLETS = ("Reuters|Associated Press|Agence France-Presse|The Japan Times|Kyodo News|Nikkei Asia|Xinhua|"
           "South China Morning Post|BBC News|The Guardian|The New York Times|Wall Street Journal|"
           "Financial Times|Yomiuri Shimbun|Asahi Shimbun|Mainichi Shimbun|NHK World|Jiji Press|"
           "Ministry of Foreign Affairs|Ministry of Defense|Prime Minister's Office|White House|"
           "State Council Information Office|Taipei Times|Focus Taiwan|Le Monde|Der Spiegel|Al Jazeera|"
           "Bloomberg|Politico|The Diplomat|Foreign Policy|CNN|NPR|Deutsche Welle|Korea Herald|"
           "Yonhap|ABC News|The Economist|Wikipedia").split("|")
KINDS = ["person"] * 53 + ["government"] * 27 + ["media"] * 16 + ["organization"] * 4


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


class Synth:
    def __init__(self, events: int, seed: int = 7) -> None:
        self.r = random.Random(seed)
        self.n = events
        self.n_quotes = round(events * 20 / 35)
        self.n_actors = max(10, round(events * 35 / 35))
        self.n_sources = max(10, round(events * 60 / 35))
        self.n_terms = max(5, round(20 * (events / 35) ** 0.5))
        self.years = max(1, min(10, events // 500))
        self.terms = [f"{self.r.choice(WORDS)} {self.r.choice(WORDS)} {i}" for i in range(self.n_terms)]

    def zipf(self, n: int) -> int:
        """Index in 0..n-1, heavily skewed to the first few."""
        return min(n - 1, int(n * self.r.random() ** 3))

    def sentence(self, words: int) -> str:
        return " ".join(self.r.choice(WORDS) for _ in range(words))

    def date(self, i: int) -> tuple[str, tuple[int, int, int]]:
        day = int(i * self.years * 365 / self.n)
        year, rest = 2016 + day // 365, day % 365
        month, dom = min(12, rest // 30 + 1), min(28, rest % 30 + 1)
        roll = self.r.random()
        if roll < 0.08:
            return f"{year}-{month:02d}", (year, month, 1)
        if roll < 0.11:
            return f"{year}-{month:02d}~", (year, month, 1)
        if roll < 0.14 and dom < 27:
            return f"{year}-{month:02d}-{dom:02d}/{year}-{month:02d}-{dom + 2:02d}", (year, month, dom)
        return f"{year}-{month:02d}-{dom:02d}", (year, month, dom)

    def summary(self) -> str:
        text = f"The {self.sentence(3)} {self.r.choice(VERBS)} {self.sentence(14)}."
        if self.r.random() < 0.3:
            text += f" It concerned the {self.r.choice(self.terms)}."
        if self.r.random() < 0.2:
            text += f" Officials called it *{self.sentence(2)}*."
        if self.r.random() < 0.1:
            text += " See [the full report](https://example.org/report)."
        return text

    def write(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        (root / "sources").mkdir(exist_ok=True)
        (root / "background").mkdir(exist_ok=True)
        actors = self.actors(root)
        sources, text_sources = self.sources(root)
        events = self.events(root, actors, sources)
        self.quotes(root, actors, sources, text_sources, events)
        self.glossary(root, sources)
        self.story(root, sources, events, actors)

    def actors(self, root: Path) -> list[str]:
        out, lines = [], []
        for i in range(self.n_actors):
            kind = KINDS[i % len(KINDS)]
            first, last = self.r.choice(FIRST), self.r.choice(LAST)
            name = f"{first} {last}" if kind == "person" else f"{last} {self.r.choice(WORDS).title()} {kind.title()}"
            aid = f"{name.lower().replace(' ', '-')}-{i}"
            out.append(aid)
            lines += [f"- id: {aid}", f"  name: {q(name)}", f"  kind: {kind}",
                      f"  role: {q(self.sentence(4).capitalize())}", "  country: JP" if i % 3 else "  country: CN"]
            if i % 4 == 0:
                lines.append(f"  bio: {q(self.summary())}")
            if i % 9 == 0:
                lines.append(f"  aliases: [{q(last)}]")
        (root / "actors.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out

    def sources(self, root: Path) -> tuple[list[str], list[str]]:
        out, with_text, lines = [], [], []
        for i in range(self.n_sources):
            outlet = OUTLETS[self.zipf(len(OUTLETS))]
            sid = f"src-{i}"
            out.append(sid)
            year = 2016 + i * self.years // self.n_sources
            lines += [f"- id: {sid}", f"  title: {q(self.sentence(7).capitalize())}", f"  publisher: {q(outlet)}",
                      f"  published: \"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}\"", "  kind: article"]
            if i % 5:
                lines.append(f"  url: \"https://example.org/{year}/{sid}\"")
            if i % 20 == 0:
                with_text.append(sid)
                lines.append(f"  text: sources/{sid}.txt")
        (root / "sources.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out, with_text

    def events(self, root: Path, actors: list[str], sources: list[str]) -> list[tuple[str, str]]:
        out, lines = [], []
        for i in range(self.n):
            date, _ = self.date(i)
            eid = f"ev-{i}-{self.r.choice(WORDS)}"
            out.append((eid, date.split("/")[0].rstrip("~")))
            acts = sorted({actors[self.zipf(len(actors))] for _ in range(self.r.choice((1, 2, 2, 3)))})
            srcs = sorted({sources[self.r.randrange(len(sources))] for _ in range(self.r.choice((1, 2, 2, 3)))})
            tags = sorted({self.r.choice(("diplomacy", "trade", "military", "politics", "law")) for _ in range(2)})
            lines += [f"- id: {eid}", f"  date: \"{date}\"", f"  title: {q(self.sentence(6).capitalize())}",
                      f"  summary: {q(self.summary())}", f"  actors: {ids(acts)}", f"  sources: {ids(srcs)}",
                      f"  tags: {ids(tags)}", f"  phase: year-{date[:4]}"]
            if i % 3 == 0:
                lines.append(f"  place: {q(self.r.choice(('Tokyo', 'Beijing', 'Taipei', 'Washington', 'Geneva')))}")
            if i % 5 == 0:
                lines += [f"  note: {q('Earlier reports said ' + self.sentence(8) + '.')}",
                          f"  note_sources: [{sources[self.r.randrange(len(sources))]}]"]
        (root / "events.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out

    def quotes(self, root: Path, actors: list[str], sources: list[str], text_sources: list[str],
               events: list[tuple[str, str]]) -> None:
        speakers = actors[: max(5, len(actors) // 4)]
        texts: dict[str, list[str]] = {s: [] for s in text_sources}
        lines = []
        for i in range(self.n_quotes):
            eid, date = events[min(len(events) - 1, i * len(events) // self.n_quotes)]
            kind = ("direct", "direct", "paraphrase", "paraphrase", "written")[i % 5]
            words = f"We {self.r.choice(VERBS)} that the {self.sentence(10)}, and it's the {self.sentence(4)} — again"
            if kind == "paraphrase":
                source = sources[self.r.randrange(len(sources))]
            else:
                source = text_sources[self.r.randrange(len(text_sources))]
                texts[source].append(words)
            shown = words.replace("it's", "it’s") if i % 2 else words.replace(" — ", " - ")
            lines += [f"- id: quote-{i}", f"  speaker: {speakers[self.zipf(len(speakers))]}", f"  text: {q(shown)}",
                      f"  kind: {kind}", f"  said_on: \"{date}\"", f"  context: {q('told the ' + self.sentence(3))}",
                      f"  source: {source}", f"  event: {eid}"]
            if i % 4 == 0:
                lines.append(f"  note: {q('The wording differs in ' + self.sentence(5) + '.')}")
        (root / "quotes.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for sid, quoted in texts.items():
            body = [self.sentence(40) + "."]
            for words in quoted:
                body += [f"The {self.r.choice(WORDS)} said: “{words}.”", self.sentence(30) + "."]
            (root / "sources" / f"{sid}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")

    def glossary(self, root: Path, sources: list[str]) -> None:
        lines = []
        for i, term in enumerate(self.terms):
            lines += [f"- term: {q(term)}", f"  definition: {q(self.summary())}",
                      f"  sources: [{sources[i % len(sources)]}]"]
            if i % 2 == 0:
                lines.append(f"  aliases: [{q(term + 's')}]")
        (root / "glossary.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def story(self, root: Path, sources: list[str], events: list[tuple[str, str]], actors: list[str]) -> None:
        phases = "\n".join(f"  - id: year-{y}\n    title: \"The year {y}\"" for y in range(2016, 2016 + self.years + 1))
        (root / "story.yml").write_text(f"""title: "A synthetic story of {self.n:,} events"
dek: "A generated story used to measure how the generator scales."
summary: >-
  {self.summary()}
published: "2026-11-21"
language: en
questions:
  - "{self.sentence(8).capitalize()}?"
phases:
{phases}
""", encoding="utf-8")
        kps = [f"- text: {q(self.summary())}\n  sources: [{sources[i]}]\n  events: [{events[i * 7 % len(events)][0]}]"
               for i in range(8)]
        (root / "key_points.yml").write_text("\n".join(kps) + "\n", encoding="utf-8")
        (root / "updates.yml").write_text('- date: "2026-11-21"\n  kind: update\n  text: "First published."\n',
                                          encoding="utf-8")
        for b in range(3):
            secs = "\n".join(f"  - heading: \"Part {k}\"\n    body: {q(self.summary())}\n    sources: [{sources[k]}]"
                             for k in range(4))
            (root / "background" / f"topic-{b}.yml").write_text(f"""title: "Background topic {b}"
summary: {q(self.summary())}
sections:
{secs}
related:
  events: [{events[b][0]}, {events[-1 - b][0]}]
  actors: [{actors[b]}]
""", encoding="utf-8")


def make_story(events: int, root: Path, seed: int = 7) -> Path:
    Synth(events, seed).write(root)
    return root


if __name__ == "__main__":
    make_story(int(sys.argv[1]), Path(sys.argv[2]))
