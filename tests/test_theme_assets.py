"""The theme overrides stay in step with the pinned Material: the trimmed stylesheet is made
from the installed main.css, and the file names main.html swaps are the installed ones."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material

from conftest import ROOT

ASSETS = Path(material.__file__).parent / "templates" / "assets"
TRIMMED = ROOT / "overrides" / "assets" / "stylesheets" / "material-trimmed.css"
MAIN_HTML = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")


def test_trimmed_stylesheet_was_made_from_the_installed_material() -> None:
    (main_css,) = (ASSETS / "stylesheets").glob("main.*.min.css")
    digest = hashlib.sha256(main_css.read_bytes()).hexdigest()
    assert f"source-sha256: {digest}" in TRIMMED.read_text(encoding="utf-8"), \
        "run  .venv/bin/python scripts/trim_material_css.py  after upgrading mkdocs-material"


def test_main_html_swaps_file_names_that_material_really_ships() -> None:
    names = set(re.findall(r"assets/(?:stylesheets|javascripts)/([\w.]+\.min\.(?:css|js))", MAIN_HTML))
    assert names, "main.html names no Material asset"
    for name in names:
        assert list(ASSETS.rglob(name)), f"{name} is not in the installed Material: update overrides/main.html"


def test_trimmed_stylesheet_keeps_what_the_site_renders_and_drops_the_rest() -> None:
    css = TRIMMED.read_text(encoding="utf-8")
    for kept in (".md-header", ".md-search-result", ".md-nav", ".md-typeset .admonition", ".md-tooltip2",
                 ".md-typeset .grid", "abbr"):
        assert kept in css, kept
    for dropped in (".highlighttable", ".tabbed-set", ".md-typeset .keys", ".md-post"):
        assert dropped not in css, dropped
