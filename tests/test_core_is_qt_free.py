"""The core never imports Qt: every core module is imported in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import reader

CORE_PACKAGES = ("analysis", "store", "ingest", "annotate", "export", "library")


def core_modules() -> list[str]:
    names = ["reader", "reader.cli", "reader.engine", "reader.errors", "reader.files"]
    for pkg in CORE_PACKAGES:
        names.append(f"reader.{pkg}")
        path = [f"{reader.__path__[0]}/{pkg}"]
        for info in pkgutil.walk_packages(path, prefix=f"reader.{pkg}."):
            if ".migrations" not in info.name:
                names.append(info.name)
    return names


def test_core_imports_no_qt() -> None:
    modules = core_modules()
    assert {"reader.library", "reader.library.operations", "reader.engine"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "qt = ('PySide6', 'shiboken6', 'qtawesome')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported by the core: {out.stdout.strip()}"
