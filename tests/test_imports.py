"""The package reads top-down: no module of generator/ imports, directly or through others, a
module that imports it back (counting imports inside functions and for type checking)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module -> the generator modules it imports, anywhere in its text."""
    modules = {p.stem for p in package.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
                parts = node.module.split(".")
                found |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("generator.")}
        graph[path.stem] = found - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the path that closes it."""
    found, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        for dep in sorted(graph.get(module, ())):
            if dep in path:
                found.append(path[path.index(dep):] + [dep])
            elif dep not in done:
                visit(dep, path + [dep])
        done.add(module)

    for module in sorted(graph):
        visit(module, [module])
    return found


def test_the_generator_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 20
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from generator.b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from generator import a\n")
    assert cycles(import_graph(tmp_path)) == [["a", "b", "a"]]


def test_the_core_never_imports_mkdocs() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.stem != "mkdocs_hook":
            assert "import mkdocs" not in path.read_text(encoding="utf-8") and \
                "from mkdocs" not in path.read_text(encoding="utf-8"), path.name


def test_check_imports_only_what_checking_needs() -> None:
    """`check` runs after every save: the renderer, the feed, the share card, the engine and the
    two-process machinery are imported only by the commands that use them (benchmarks/latency.py)."""
    import subprocess
    import sys

    probe = ("import sys; from generator.cli import main; main(['check', '--content', sys.argv[1]]);"
             "print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", probe, str(ROOT / "content")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    loaded = set(result.stdout.split())
    assert "generator.checks" in loaded, result.stderr  # the probe ran the check
    heavy = {"jinja2", "markdown", "pymdownx", "feedgen", "lxml", "PIL", "mkdocs", "edtf", "babel.dates",
             "multiprocessing", "concurrent.futures"}
    assert not heavy & loaded, sorted(heavy & loaded)
