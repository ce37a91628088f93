"""Command line: check, render, build. Exit codes: 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

from generator.errors import ContentErrors
from generator.folders import BUILDING_MARKER, SITE_MARKER, UnsafeFolder, refuse_unless_ours
from generator.registry import COUNTED, FILES
from generator.pipeline import check, render_to
from generator.stories import DEFAULT, StoryError, all_stories, story_at
from generator.write import MARKER

ENGINES = {"mkdocs": ["-m", "mkdocs", "build", "--strict"], "zensical": ["-m", "zensical", "build", "--strict"]}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build a story explainer from content YAML.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate the content only")
    _content(p)
    p.add_argument("--format", choices=["text", "github"], default="text", help="error format")
    _as_of(p)
    p = sub.add_parser("render", help="write the Markdown pages into the generated docs folder")
    _content(p)
    p.add_argument("--out", type=Path, default=None,
                   help="docs folder (default: the story's own, generated_docs/NAME; see generator/stories.py)")
    p = sub.add_parser("build", help="check, render and build the site strictly")
    _content(p)
    p.add_argument("--site", type=Path, default=None,
                   help="site folder (default: the story's own: site for content/, site.NAME for stories/NAME)")
    _engine(p)
    _as_of(p)
    p = sub.add_parser("build-all", help="build every story into SITE/NAME/, with an index page of them at SITE/")
    p.add_argument("--site", type=Path, default=Path("site"), help="site folder (default: site)")
    p.add_argument("--title", default=None, help="the index page's heading (default: Explainers, in its language)")
    p.add_argument("--language", default="en", help="the index page's language: en or ja (default: en)")
    _engine(p)
    _as_of(p)
    p = sub.add_parser("index", help="write SITE/index.html listing the stories built into SITE/NAME/")
    p.add_argument("site", type=Path, help="a folder of built stories, one per sub-folder")
    p.add_argument("--title", default=None, help="the index page's heading (default: Explainers, in its language)")
    p.add_argument("--language", default="en", help="the index page's language: en or ja (default: en)")
    p = sub.add_parser("stories", help="list the repository's stories (content/ and stories/*/)")
    p.add_argument("--json", action="store_true", help="as a JSON list of names (the workflow's job matrix)")
    p = sub.add_parser("serve", help="live preview of one story (mkdocs serve; other options are passed on)")
    _content(p)
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="engine config (default: mkdocs.yml)")
    _more_commands(sub)
    return parser


def _content(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path(DEFAULT),
                   help=f"the story's content folder, e.g. stories/my-story (default: {DEFAULT})")


def _engine(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=sorted(ENGINES), default=os.environ.get("STORY_ENGINE", "mkdocs"),
                   help="static site engine (default: mkdocs, or $STORY_ENGINE)")
    p.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="engine config (default: mkdocs.yml)")


def _as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=_day, default=None,
                   help="check dates against this day instead of today: for a story published later")


def _day(text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2025-11-27") from None


def _more_commands(sub: Any) -> None:
    """Editor and pipeline tools: schemas, the editors' guide, the link check."""
    p = sub.add_parser("schema", help="write the JSON Schema of every content file (for editors' autocompletion)")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="schema folder (default: schemas)")
    p.add_argument("--check", action="store_true", help="only report schemas that are out of date (exit 1)")
    p = sub.add_parser("guide", help="regenerate the field tables in the editors' guide (EDITORS.md)")
    p.add_argument("--file", type=Path, default=Path("EDITORS.md"), help="the guide (default: EDITORS.md)")
    p.add_argument("--check", action="store_true", help="only report whether the tables are out of date (exit 1)")
    p = sub.add_parser("compare-pages", help="compare the HTML page lists of two built sites (exit 1 if they differ)")
    p.add_argument("site", type=Path)
    p.add_argument("other", type=Path)
    p = sub.add_parser("new", help="start a new story: a small, valid example in every file, to edit")
    p.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder, e.g. stories/my-story")
    p.add_argument("--title", default=None, help="the story's headline (default: a working title to change)")
    p.add_argument("--language", default=None, help="language tag of the story, e.g. en or ja (default: en)")
    p = sub.add_parser("linkcheck", help="check a built site for broken internal links and anchors")
    p.add_argument("site", type=Path, nargs="?", default=None,
                   help="built site folder (default: the --content story's site folder, else site)")
    p.add_argument("--content", type=Path, default=None, help="check the site built for this story's content "
                   "folder (site for content/, site.NAME for stories/NAME)")
    p.add_argument("--base-url", default=None, help="links under this address count as internal "
                   "(default: the address in the site's sitemap.xml)")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "serve":  # only serve passes options on (to mkdocs serve)
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    before = os.environ.get("STORY_AS_OF")
    if getattr(args, "as_of", None):
        os.environ["STORY_AS_OF"] = args.as_of  # read by the checks, here and in the engine's hook
    try:
        return _run(args)
    finally:
        if before is None:
            os.environ.pop("STORY_AS_OF", None)
        else:
            os.environ["STORY_AS_OF"] = before


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "check":
            return _check(args.content, args.format)
        if args.command in _TOOLS:
            return _TOOLS[args.command](args)
        if args.command == "render":
            args.out = args.out or story_at(args.content).docs
            refuse_unless_ours(args.out, MARKER, content=args.content, project=Path.cwd(), option="--out")
            _, report = render_to(args.content, args.out)
            print(f"Rendered {args.content} into {args.out}: {report.summary()}")
            return 0
        return _build(args)
    except ContentErrors as exc:
        return _report(exc, "text")
    except (FileExistsError, StoryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _counted(n: int, noun: str) -> str:
    """`check`'s summary line counts entries by their registry noun: "1 event", "24 terms"."""
    return f"{n} {noun if n == 1 else noun + 's'}"


def _check(content: Path, fmt: str) -> int:
    try:
        c = check(content)
    except ContentErrors as exc:
        return _report(exc, fmt)
    _warn(c.warnings, fmt)
    counts = ", ".join(_counted(len(getattr(c, n)), FILES[n].noun) for n in COUNTED)
    print(f"{content} is valid: {counts}, {_counted(len(c.background), 'background page')}")
    return 0


def _warn(warnings: list[Any], fmt: str) -> None:
    for warning in sorted(warnings):
        print(warning.github() if fmt == "github" else warning.format(), file=sys.stdout if fmt == "github" else sys.stderr)


def _report(exc: ContentErrors, fmt: str) -> int:
    for err in exc.errors:
        if fmt == "github":  # the Actions runner reads workflow commands from standard output
            print(err.github(), flush=True)
        else:
            print(err.format(), file=sys.stderr)
    n = len(exc.errors)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was built.", file=sys.stderr)
    return 1


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    args.site = args.site or story_at(args.content).site
    refuse_unless_ours(args.site, SITE_MARKER, content=args.content, project=args.config.resolve().parent,
                       option="--site")
    content = check(args.content)  # fail before touching anything
    _warn(content.warnings, "text")
    site: Path = args.site.resolve()
    _remove_leftovers(site)
    tmp = _staging(site)
    previous = signal.signal(signal.SIGTERM, _interrupted)  # a cancelled CI job cleans up like Ctrl-C
    try:
        return _build_into(args, content, site, tmp, started)
    except KeyboardInterrupt:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"The build was interrupted; the site at {args.site} was left as it was.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _build_into(args: argparse.Namespace, content: Any, site: Path, tmp: Path, started: float) -> int:
    docs = Path(tempfile.mkdtemp(prefix=f"{DOCS_PREFIX}{os.getpid()}-"))
    env = {**os.environ, "STORY_CONTENT": str(args.content.resolve()), "STORY_DOCS_DIR": str(docs)}
    from generator.exports import source_date_epoch  # here: `check` need not load the renderer and exports
    from generator.story import StoryView

    env.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(StoryView(content))))  # reproducible builds
    cmd = [sys.executable, *ENGINES[args.engine], "-f", str(args.config), "-d", str(tmp)]
    try:
        if args.engine == "zensical":  # runs no hooks: see generator/engines.py
            from generator.engines import build_with_zensical

            result = build_with_zensical(args.config, args.content, tmp, env)
        else:
            result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    finally:
        shutil.rmtree(docs, ignore_errors=True)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        sys.stderr.write(result.stderr or result.stdout)
        print(f"The {args.engine} build failed; the site at {args.site} was left as it was.", file=sys.stderr)
        return 1
    (tmp / SITE_MARKER).write_text("Built by `python -m generator build`; the next build replaces this folder.\n")
    (tmp / BUILDING_MARKER).unlink()
    ignored = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:  # an interruption now could leave neither site in place: the swap takes milliseconds, let it finish
        _swap(tmp, site)
    finally:
        for sig, handler in ignored.items():
            signal.signal(sig, handler)
    print(f"Built {args.content} into {args.site} with {args.engine} in {time.perf_counter() - started:.1f} s")
    return 0


DOCS_PREFIX = "story-docs-"  # + the building process's id: the private pages folder of one build


def _staging(site: Path) -> Path:
    """The folder a new site is built in, beside the old one, made here and marked as being built."""
    new = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    if new.exists() and not (new / BUILDING_MARKER).is_file():
        raise UnsafeFolder(f"{new} is in the way and was not made by the generator; nothing was touched. "
                           "Move or rename it, then build again.")
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    (new / BUILDING_MARKER).write_text("A site being built by the generator; the next build removes it if "
                                       "this one was stopped.\n")
    return new


def _remove_leftovers(site: Path) -> None:
    """What builds that were killed (their process is gone) left: half-built sites beside this
    one, and their private pages folders in the temporary folder (only folders the generator
    made, which carry its marker file)."""
    for path in site.parent.glob(f"{site.name}.tmp-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)) and (path / BUILDING_MARKER).is_file():
            shutil.rmtree(path, ignore_errors=True)
    for path in Path(tempfile.gettempdir()).glob(f"{DOCS_PREFIX}*-*"):
        pid = path.name.removeprefix(DOCS_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)) and (path / MARKER).is_file():
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0)


def _swap(new: Path, site: Path) -> None:
    """Replace site with new: the old site stays whole until the new one is complete. Where the
    system can exchange two folders in one step there is no moment without a site at all."""
    if not site.exists():
        new.rename(site)
        return
    if _exchange(new, site):  # site now holds the new build, new the old one
        shutil.rmtree(new, ignore_errors=True)
        return
    old = site.with_name(f"{site.name}.old-{os.getpid()}")
    site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(f"{args.out / name} is out of date: run  python -m generator schema", file=sys.stderr)
        return 1 if stale else 0
    changed = write_schemas(args.out)
    print(f"Schemas in {args.out}: {len(changed)} written, the rest unchanged")
    return 0


def _linkcheck(args: argparse.Namespace) -> int:
    from generator.linkcheck import main as linkcheck

    site = args.site or (story_at(args.content).site if args.content else Path("site"))
    return linkcheck(site, args.base_url)


def _build_all(args: argparse.Namespace) -> int:
    """Every story into SITE/NAME/ and the index page at SITE/index.html. Every story is checked
    before anything is built; the new site replaces SITE only once it is whole, as `build` does."""
    started = time.perf_counter()
    stories = all_stories()
    if not stories:
        print(f"error: no story here: neither {DEFAULT}/story.yml nor stories/NAME/story.yml", file=sys.stderr)
        return 2
    project = args.config.resolve().parent
    for story in stories:
        refuse_unless_ours(args.site, SITE_MARKER, content=story.content, project=project, option="--site")
    errors = []
    for story in stories:  # fail before touching anything, with every story's problems
        try:
            check(story.content)
        except ContentErrors as exc:
            errors.extend(exc.errors)
    if errors:
        return _report(ContentErrors(errors), "text")
    site = args.site.resolve()
    _remove_leftovers(site)
    staging = _staging(site)
    try:
        for story in stories:
            one = argparse.Namespace(content=story.content, site=staging / story.name, engine=args.engine,
                                     config=args.config)
            if _build(one) != 0:
                shutil.rmtree(staging, ignore_errors=True)
                print(f"The story {story.name} ({story.content}) did not build; the site at {args.site} was left "
                      "as it was.", file=sys.stderr)
                return 1
        from generator.newsroom import write_index

        write_index(staging, args.title, args.language)
        (staging / SITE_MARKER).write_text("Built by `python -m generator build-all`; the next build replaces "
                                           "this folder.\n")
        (staging / BUILDING_MARKER).unlink()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    ignored = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _swap(staging, site)
    finally:
        for sig, handler in ignored.items():
            signal.signal(sig, handler)
    names = ", ".join(f"{s.name}/" for s in stories)
    print(f"Built {len(stories)} stories into {args.site} ({names} and index.html) in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


def _index(args: argparse.Namespace) -> int:
    from generator.newsroom import write_index

    if not args.site.is_dir() or not any((p / SITE_MARKER).is_file() for p in args.site.iterdir()):
        print(f"error: {args.site} holds no built story (no sub-folder with a {SITE_MARKER} file)", file=sys.stderr)
        return 2
    listed = write_index(args.site, args.title, args.language)
    (args.site / SITE_MARKER).write_text("Stories and an index page made by the generator.\n")
    print(f"Wrote {args.site / 'index.html'}: {len(listed)} stories")
    return 0


def _stories(args: argparse.Namespace) -> int:
    import json

    names = [s.name for s in all_stories()]
    print(json.dumps(names) if args.json else "\n".join(f"{s.name}\t{s.content}" for s in all_stories()))
    return 0


def _serve(args: argparse.Namespace) -> int:
    """Become `mkdocs serve` for this story: the hook renders it and watches its folder."""
    if not (args.content / "story.yml").is_file():
        print(f"error: {args.content} holds no story.yml: name a story's content folder", file=sys.stderr)
        return 2
    env = preview_environment(args.content, os.environ)
    env.pop("STORY_DOCS_DIR", None)  # the story's own generated_docs/NAME (generator/stories.py)
    os.execve(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "-f", str(args.config), *args.extra], env)


def preview_environment(content: Path, env: Mapping[str, str], memory: Path = Path("/dev/shm")) -> dict[str, str]:
    """The environment `mkdocs serve` runs in to preview a story (benchmarks/preview.py uses it too).

    MkDocs builds the preview into a new temporary folder, and on every save empties it and
    writes the whole site again: some 250 files in 200 folders at 2,000 events, whose folders took
    0.3 s of each save to make on this machine's disk. Where the system has a folder kept in
    memory (/dev/shm on Linux) with room to spare (1 GiB free, and 20 times the story's YAML), the
    temporary folder goes there. A TMPDIR the editor set is left as it is."""
    out = {**env, "STORY_CONTENT": str(content.resolve())}
    if "TMPDIR" not in env and os.path.isdir(memory) and os.access(memory, os.W_OK | os.X_OK):
        story_bytes = sum(p.stat().st_size for p in content.rglob("*.yml") if p.is_file())
        if shutil.disk_usage(memory).free >= max(1 << 30, 20 * story_bytes):
            out["TMPDIR"] = str(memory)
    return out


def _guide(args: argparse.Namespace) -> int:
    from generator.guide import main as guide

    return guide(args.file, args.check)


def _compare_pages(args: argparse.Namespace) -> int:
    from generator.linkcheck import compare_pages

    return compare_pages(args.site, args.other)


def _new(args: argparse.Namespace) -> int:
    from generator.scaffold import main as new

    return new(args.folder, args.title, args.language)


_TOOLS: dict[str, Callable[[argparse.Namespace], int]] = {"schema": _schema, "linkcheck": _linkcheck,
                                                          "guide": _guide, "compare-pages": _compare_pages,
                                                          "new": _new, "build-all": _build_all, "index": _index,
                                                          "stories": _stories, "serve": _serve}
