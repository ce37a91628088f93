"""Which folders a command may replace: only ones it made itself.

`build --site DIR` replaces DIR with the new site, and `render --out DIR` prunes pages from DIR.
A slip of the keyboard (`--site content`, `--site .`) must never cost the story, the code or the
repository, so both refuse any existing folder they did not make, before touching anything."""

from __future__ import annotations

from pathlib import Path

SITE_MARKER = ".story-explainer-site"  # written into every site `generator build` makes
# In the folder a new site is built in, beside the old one, until the new site replaces the old:
# only a folder holding it is ever removed as what an interrupted build left.
BUILDING_MARKER = ".story-explainer-building"
# A site built before the marker existed: these three files are written by no other tool.
_OLD_SITE_FILES = ("index.html", "story.json", "story.schema.json")
# What a folder of the newsroom's own holds: never replaced, whatever else it contains.
_PRECIOUS = (".git", "mkdocs.yml", "story.yml", "pyproject.toml")


class UnsafeFolder(FileExistsError):
    """The folder named is not one this command made; nothing was touched."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_unless_ours(target: Path, marker: str, *, content: Path, project: Path, option: str) -> None:
    """Raise UnsafeFolder unless target is missing, empty, or carries marker (made by us)."""
    target, content, project = target.resolve(), content.resolve(), project.resolve()
    why = _why_not(target, marker, content, project)
    if why:
        raise UnsafeFolder(f"{option} {target}: {why}; nothing was touched. "
                           f"Choose a new or empty folder (the default is fine).")


def _why_not(target: Path, marker: str, content: Path, project: Path) -> str:
    if _within(project, target):
        return "that folder holds the project (its code, settings and history)"
    if _within(target, content) or _within(content, target):
        return "that folder holds the story's content"
    if ".git" in target.parts:
        return "that folder is inside the repository's history (.git)"
    if not target.exists():
        return ""
    if not target.is_dir():
        return "that is a file, not a folder"
    precious = [name for name in _PRECIOUS if (target / name).exists()]
    precious += sorted(p.name for p in target.glob("*.y*ml"))[:3]
    if precious:
        return f"that folder holds {', '.join(precious)}, which the generator did not make"
    if not any(target.iterdir()) or (target / marker).is_file():
        return ""
    if marker == SITE_MARKER and all((target / name).is_file() for name in _OLD_SITE_FILES):
        return ""  # a site an earlier version built, before the marker
    return f"that folder is not empty and was not made by the generator (it has no {marker} file)"
