"""The theme files we fork stay in step with the engines' own: for each partial under
overrides/partials, and each block of base.html that overrides/main.html replaces, the hash of
the upstream text the fork was made from (or last checked against) is kept here. When an
upgraded mkdocs-material or zensical ships a different one, the test fails and says which fork
to re-check. Each fork replaces the partial for both engines, so both upstreams are watched.

After an upgrade: diff the named upstream file (or block) with the fork, carry over what the
upstream changed (accessibility fixes, new markup its JavaScript expects), then put the new
hash below. The hashes are of the installed files' bytes (a block: its text, from
`{% block NAME %}` to its `{% endblock %}`)."""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import ROOT

OVERRIDES = ROOT / "overrides"
PACKAGES = {"material": "mkdocs-material", "zensical": "zensical"}

# fork -> {engine: sha256 of the upstream it was made from / checked against}
FORKS: dict[str, dict[str, str]] = {
    # Material 9.8.1's search form, with an accessible name; Zensical 0.0.73's search button.
    "partials/search.html": {
        "material": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "zensical": "22b4b48f98bda9db3169d21f90693206b08a39f89ba179bc4965dae612441962",
    },
    # Edit links to the YAML a page is made from, instead of Material's edit/view/copy actions.
    "partials/actions.html": {
        "material": "1bcd66d6f428194e9b9842764f0a5f7a5b3679d008e9d2e5b75b5ba344c39073",
        "zensical": "d76435e7c0e7cc581eaaffb83c7576ce1553d83f89247e4bab2cb766347b0fdb",
    },
    # The progress bar, hidden from assistive technology.
    "partials/progress.html": {
        "material": "f7596002950a7d9f415e1d10d6da4e87af6039f854911875b680ea70522360f4",
        "zensical": "21d77a72cc39caee1a9d9c46db397bdab802cbc61a916d8a50ed1ebcd5c0a935",
    },
    # overrides/main.html rewrites these blocks of base.html (site_meta and htmltitle wholly;
    # styles and scripts by replacing text in super(); extrahead is empty upstream).
    "base.html#site_meta": {
        "material": "e306b9472bf91403943802f57b9a77a72eabbd2612dfcf341a7c228d6aa8223f",
        "zensical": "3781474ae33bd8a32bcc38fab5519696c27a210fc937a51bae2748ecdd110d03",
    },
    "base.html#htmltitle": {
        "material": "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
        "zensical": "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
    },
    "base.html#styles": {
        "material": "3e2f8b00a4426913f9c3c0e0b122f5d6222eecbdcdd8afb2c0d6ec2413a85dcb",
        "zensical": "078f5d08af98d145b7d5d80ef4e29530cde73465ff6ef54c52d4c3eb291f66a5",
    },
    "base.html#extrahead": {
        "material": "1764749c48ef0bd1131cec225d4475a511abe9b8aaac7f8f20a1eb0df0a18327",
        "zensical": "1764749c48ef0bd1131cec225d4475a511abe9b8aaac7f8f20a1eb0df0a18327",
    },
    "base.html#scripts": {
        "material": "66cc07f62fe03dd2b41d9d1f94be4f466246e551c41240f6a10f438cc53c3e90",
        "zensical": "28f627a62155b824a1c1572e15da0b26336bb8bc1de60b9a0c9986df4366a7e0",
    },
}


def templates(engine: str) -> Path:
    module = __import__(engine)
    return Path(module.__file__).parent / "templates"


def block(text: str, name: str) -> str:
    """A template's `{% block name %}` ... its matching `{% endblock %}` (blocks may nest)."""
    start = text.index("{% block " + name + " %}")
    depth = 0
    for tag in re.finditer(r"{%-?\s*(block\s+\w+|endblock)\b[^%]*%}", text[start:]):
        depth += 1 if tag.group(1).startswith("block") else -1
        if depth == 0:
            return text[start:start + tag.end()]
    raise ValueError(f"block {name} is not closed")


def upstream(engine: str, fork: str) -> bytes:
    path, _, name = fork.partition("#")
    data = (templates(engine) / path).read_bytes()
    return block(data.decode("utf-8"), name).encode("utf-8") if name else data


@pytest.mark.parametrize("engine", sorted(PACKAGES))
@pytest.mark.parametrize("fork", sorted(FORKS))
def test_forked_theme_file_matches_the_upstream_it_was_made_from(fork: str, engine: str) -> None:
    digest = hashlib.sha256(upstream(engine, fork)).hexdigest()
    ours = f"overrides/{fork}" if "#" not in fork else f"overrides/main.html (block {fork.partition('#')[2]})"
    assert digest == FORKS[fork][engine], (
        f"{PACKAGES[engine]} {version(PACKAGES[engine])} ships a different {fork} than the one {ours} was "
        f"forked from or last checked against. Diff {templates(engine) / fork.partition('#')[0]} with {ours}, "
        f"carry the upstream change into the fork if it matters, then set its hash in tests/test_theme_drift.py "
        f"to {digest}.")


def test_every_forked_partial_and_main_html_block_is_watched() -> None:
    partials = {p.relative_to(OVERRIDES).as_posix() for p in (OVERRIDES / "partials").rglob("*.html")}
    blocks = {f"base.html#{name}" for name in
              re.findall(r"{%-?\s*block\s+(\w+)", (OVERRIDES / "main.html").read_text(encoding="utf-8"))}
    assert partials, "no partial found under overrides/partials"
    assert {"base.html#site_meta", "base.html#htmltitle"} <= blocks
    assert partials | blocks == set(FORKS), "list each fork (and its upstream hashes) in FORKS"


def test_a_changed_upstream_block_changes_its_hash() -> None:
    """The block extraction finds the block's own text (not an empty or a whole-file match)."""
    text = "{% block a %}x{% block b %}y{% endblock %}z{% endblock %} rest"
    assert block(text, "a") == "{% block a %}x{% block b %}y{% endblock %}z{% endblock %}"
    assert block(text, "b") == "{% block b %}y{% endblock %}"
    assert "rel=\"canonical\"" in upstream("material", "base.html#site_meta").decode()
