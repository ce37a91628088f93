"""Which stories this repository holds, and where each one's files go: the one place that decides.

    content/             the default story, named "content" (a one-story repository works as before)
    stories/NAME/        one more story per folder holding a story.yml (`python3 tasks.py new stories/NAME`)

NAME is the folder's name: lowercase letters, digits and single hyphens, as in a web address.
Each story has folders of its own, so building or previewing one never touches another's files:

    | what                              | content/ (default story) | stories/NAME/          |
    | pages the preview renders         | generated_docs/content/  | generated_docs/NAME/   |
    | `build` (unless --site is given)  | site/                    | site.NAME/             |
    | `build-all`: every story          | site/content/            | site/NAME/             |

`build-all` also writes site/index.html, the newsroom's list of explainers (generator/newsroom.py).
A content folder that is in neither place (`--content /tmp/draft`) is a story too: its pages go to
generated_docs/FOLDER-XXXXXXXX/ and its site to site.FOLDER-XXXXXXXX/ (XXXXXXXX from its full path,
so two folders both called `draft` never share one).

Standard library only: tasks.py lists the stories before anything is installed (the workflow's
first job does that to make one job per story).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT = "content"  # the default story's folder, and its name
STORIES = "stories"  # the folder of further stories, one sub-folder each
DOCS = "generated_docs"  # every story's generated pages, one sub-folder each (mkdocs.yml's docs_dir)
SITE = "site"  # the default story's site, and build-all's combined site
STORY_FILE = "story.yml"
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class StoryError(Exception):
    """A story name that names no story (the message lists those that exist), or a folder under
    stories/ whose name cannot be a story's name."""


@dataclass(frozen=True)
class Story:
    name: str
    content: Path  # relative to the repository's root

    @property
    def docs(self) -> Path:
        return Path(DOCS) / self.name

    @property
    def site(self) -> Path:
        """Where `build` puts this story's site when no --site is given."""
        return Path(SITE) if self.name == DEFAULT else Path(f"{SITE}.{self.name}")


def all_stories(root: Path | None = None) -> list[Story]:
    """The stories of the repository at root (default: the current folder): the default story (when
    content/story.yml exists), then stories/*/ in name order. Raises
    StoryError for a folder under stories/ whose name cannot be a story's name."""
    root = Path.cwd() if root is None else root
    found = [Story(DEFAULT, Path(DEFAULT))] if (root / DEFAULT / STORY_FILE).is_file() else []
    for story_yml in sorted((root / STORIES).glob(f"*/{STORY_FILE}")):
        name = story_yml.parent.name
        if not NAME.match(name):
            raise StoryError(f"{STORIES}/{name}/: a story's folder name is part of its web address: use lowercase "
                             f"letters, digits and single hyphens, e.g. {STORIES}/{_slug(name) or 'my-story'}/")
        if name == DEFAULT:
            raise StoryError(f"{STORIES}/{DEFAULT}/: {DEFAULT!r} is the name of the default story (content/); "
                             "choose another folder name")
        found.append(Story(name, Path(STORIES) / name))
    return found


def find(name: str, root: Path | None = None) -> Story:
    stories = all_stories(root)
    for story in stories:
        if story.name == name:
            return story
    names = [s.name for s in stories]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise StoryError(f'no story named "{name}": {hint}the stories are {", ".join(names) or "(none)"} '
                        f"(content/, and every {STORIES}/NAME/ with a {STORY_FILE})")


def story_at(content: Path, root: Path | None = None) -> Story:
    """The story whose content folder this is; a folder in neither place gets a name of its own."""
    root = (Path.cwd() if root is None else root).resolve()
    where = content.resolve()
    if where == root / DEFAULT:
        return Story(DEFAULT, Path(DEFAULT))
    if where.parent == root / STORIES and NAME.match(where.name) and where.name != DEFAULT:
        return Story(where.name, Path(STORIES) / where.name)
    digest = hashlib.sha256(str(where).encode("utf-8")).hexdigest()[:8]
    return Story(f"{_slug(where.name) or 'story'}-{digest}", content)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


if __name__ == "__main__":  # python3 -m generator.stories: the names, one a line
    print("\n".join(s.name for s in all_stories()))
