"""The house habits hold: ruff-clean and type-checked (mypy, with pydantic's plugin)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "generator", "tests", "benchmarks", "scripts", "tasks.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_the_generator() -> None:
    result = run("mypy", "generator")
    assert result.returncode == 0, result.stdout + result.stderr
