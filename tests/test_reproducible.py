"""Reproducible builds: the same content gives a byte-identical site/, so a rebuild deploys nothing new."""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SMALL


def build(site: Path, content: Path, **env: str) -> None:
    clean = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site", str(site)],
                            cwd=ROOT, env={**clean, "NO_MKDOCS_2_WARNING": "1", **env},
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    # Different hash seeds flush out any output that depends on set or dict iteration order.
    build(tmp_path / "one", ROOT / "content", PYTHONHASHSEED="1")
    build(tmp_path / "two", ROOT / "content", PYTHONHASHSEED="2")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 20
    assert set(one) == set(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_build_date_defaults_to_the_storys_last_update(tmp_path: Path) -> None:
    build(tmp_path / "site", SMALL)
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-03-12</lastmod>" in sitemap  # the correction of 12 March, not today
    header = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()[:10]
    assert struct.unpack("<I", header[4:8])[0] == 1773273600  # 2026-03-12T00:00:00Z
    assert gzip.decompress((tmp_path / "site" / "sitemap.xml.gz").read_bytes()).decode() == sitemap


def test_source_date_epoch_is_honoured_when_set(tmp_path: Path) -> None:
    build(tmp_path / "site", SMALL, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01
    assert "<lastmod>2026-01-01</lastmod>" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_two_zensical_builds_are_byte_identical_too(tmp_path: Path) -> None:
    build(tmp_path / "one", SMALL, STORY_ENGINE="zensical", PYTHONHASHSEED="1")
    build(tmp_path / "two", SMALL, STORY_ENGINE="zensical", PYTHONHASHSEED="2")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 20 and one == two
