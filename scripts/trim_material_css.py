#!/usr/bin/env python3
"""Write overrides/assets/stylesheets/material-trimmed.css: Material's main.css without the
rules for components this site never renders (code highlighting, tables, content tabs, blog,
version selector, admonition types we do not use...). Saves ~60 KB on every page, which
is what keeps the front page under its 350 KB budget.

    .venv/bin/python scripts/trim_material_css.py

Run it again after upgrading mkdocs-material: tests/test_theme_assets.py fails until the
trimmed file names the installed main.css."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "stylesheets" / "material-trimmed.css"

# Selectors naming any of these are dropped; a rule is kept while one of its selectors survives.
UNUSED = re.compile(
    r"\.(highlight|highlighttable|linenos|linenodiv|tabbed-|task-list|arithmatex|critic|keys\b|md-annotation|"
    r"mermaid|md-post|md-version|md-source|md-tabs|md-banner|md-social|emojione|footnote|md-tag|md-blog|"
    r"md-typeset__table|md-typeset__scrollwrap|md-clipboard|md-code__|md-select|md-status|md-dialog|md-profile|"
    r"md-author|md-feedback|md-consent|twemoji|md-search__suggest|md-source-file|md-comments|md-announce|"
    r"md-header__source|md-nav__source|md-footer-meta|md-copyright)"
    r"|(details|\.admonition)\.(info|todo|tip|hint|important|success|check|done|question|help|faq|failure|fail|"
    r"missing|danger|error|bug|example|quote|cite|caution|attention)"
    r"|\bkbd\b|\bmark\b|\bdel\b|\bins\b|\bsub\b|\bsup\b|\btable\b|\bpre\b|\bcode\b|data-md-color-primary"
)


def source() -> Path:
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(found) != 1:
        sys.exit(f"expected one Material main.*.min.css, found {found}")
    return found[0]


def _block_end(css: str, start: int) -> int:
    depth = 0
    for k in range(start, len(css)):
        depth += {"{": 1, "}": -1}.get(css[k], 0)
        if depth == 0:
            return k
    return len(css) - 1


def trim(css: str) -> str:
    out, i = [], 0
    while i < len(css):
        j = css.find("{", i)
        if j < 0:
            out.append(css[i:])
            break
        head, k = css[i:j], _block_end(css, j)
        body = css[j + 1:k]
        if head.strip().startswith(("@media", "@supports")):
            inner = trim(body)
            if inner.strip():
                out.append(f"{head}{{{inner}}}")
        elif head.strip().startswith("@"):
            out.append(css[i:k + 1])
        else:
            keep = [sel for sel in head.split(",") if not UNUSED.search(sel)]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
        i = k + 1
    return "".join(out)


def header(src: Path, data: bytes) -> str:
    return (f"/* Trimmed from Material for MkDocs {material.__version__}"
            f" {src.name} (MIT licence, (c) Martin Donath) by scripts/trim_material_css.py.\n"
            f"   source-sha256: {hashlib.sha256(data).hexdigest()} */\n")


def main() -> int:
    src = source()
    data = src.read_bytes()
    css = re.sub(r"/\*.*?\*/", "", data.decode("utf-8"), flags=re.S)
    charset = '@charset "UTF-8";'
    body = trim(css.removeprefix(charset))
    OUT.write_text(charset + "\n" + header(src, data) + body + "\n", encoding="utf-8")
    print(f"{src.name}: {len(data):,} bytes -> {OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
