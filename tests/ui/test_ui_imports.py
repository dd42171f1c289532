"""The window's modules import each other without cycles (TYPE_CHECKING imports count: a cycle
for the type checker is still two modules that cannot be read apart), and building the window
loads no PDF machinery (printing and export load it when used) and no HTTP client
(downloading loads it): neither is needed for the first paint."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import reader.ui

UI = Path(reader.ui.__file__).resolve().parent


def _ui_modules() -> dict[str, Path]:
    out = {}
    for f in sorted(UI.rglob("*.py")):
        parts = ("reader", "ui", *f.relative_to(UI).with_suffix("").parts)
        out[".".join(parts).removesuffix(".__init__")] = f
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    if path.name == "__init__.py":  # a package importing its own modules is not a cycle
        found = {d for d in found if not d.startswith(name + ".")}
    return found


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Groups of modules that reach each other (each module's reach, compared)."""

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for d in graph[todo.pop()]:
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    reaches = {m: reach(m) for m in graph}
    groups = {frozenset({m} | {d for d in reaches[m] if m in reaches[d]}) for m in graph}
    return [set(g) for g in groups if len(g) > 1]


def test_the_window_modules_have_no_import_cycles() -> None:
    mods = _ui_modules()
    graph = {m: _imports(m, p, set(mods)) for m, p in mods.items()}
    assert _cycles(graph) == []


def test_building_the_window_loads_no_pdf_or_http_machinery(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from reader.ui.app import application\n"
        "from reader.library import Library\n"
        "from reader.ui.main_window import MainWindow\n"
        "app = application()\n"
        f"window = MainWindow(Library({str(tmp_path / 'lib')!r}))\n"
        "window.persist = False\n"
        "heavy = ('pypdf', 'reportlab', 'http.client', 'urllib.request')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "window.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
