"""The only module that imports mkdocs: runs the generator before every (re)build.

Listed under `hooks:` in mkdocs.yml, so plain `mkdocs build` and `mkdocs serve` work;
`watch: [content]` makes serve rebuild when an editor saves a YAML file."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from generator.errors import ContentErrors
from generator.pipeline import navigation, render_to

log = logging.getLogger("mkdocs.hooks.generator")


def on_pre_build(config: Any, **_: Any) -> None:
    root = Path(config.config_file_path).parent
    content = Path(os.environ.get("STORY_CONTENT") or root / "content")
    # `python -m generator build` renders into a private folder so parallel builds never collide
    docs = Path(os.environ.get("STORY_DOCS_DIR") or config.docs_dir)
    try:
        view, report = render_to(content, docs)
    except ContentErrors as exc:
        listing = "\n".join(err.format() for err in exc.errors)
        raise Abort(f"the content has {len(exc.errors)} problem(s); nothing was built:\n{listing}") from None
    log.info("generator: %s", report.summary())
    config.docs_dir = str(docs)
    story = view.story
    config.site_name = story.title
    config.site_description = story.dek
    if story.site_url:
        config.site_url = story.site_url.rstrip("/") + "/"
    config.nav = navigation(view)
    config.theme["language"] = story.language
