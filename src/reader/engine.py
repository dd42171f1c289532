"""The analysis engine's identity, derived from its code and lexicons rather than set by hand.

An article's derived rows record the engine that made them (`Article.analysis_version`); when
this identity differs the article is analysed again. It is a sha256 over every file under
`reader/analysis/` (code and lexicon data, in the order of their relative paths, line endings
normalised so a checkout on Windows agrees), so any change to the engine — a rule, a lexicon
word — makes every stored analysis stale, and nothing has to be remembered to bump it.

Computed once per process on first use (a few milliseconds for ~60 files) and cached.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from reader import __version__

ANALYSIS_DIR = Path(__file__).resolve().parent / "analysis"
_cached: str | None = None


def fingerprint(root: Path = ANALYSIS_DIR) -> str:
    """sha256 (hex) over the relative path and bytes of every file under `root`. Compiled
    files are left out: they follow the sources and differ between Python versions. (os.walk,
    not Path.rglob, whose pattern compiling alone costs more than the hashing.)"""
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                files.append((name if rel == "." else f"{rel}/{name}", os.path.join(folder, name)))
    digest = hashlib.sha256()
    for rel_name, path in sorted(files):
        with open(path, "rb") as f:
            data = f.read()
        digest.update(rel_name.encode("utf-8") + b"\0")
        digest.update(data.replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def engine_version() -> str:
    """ "<release>+<first 16 hex digits of the fingerprint>". The release is kept in it for a
    frozen build, whose engine code is inside an archive and only the lexicons are files."""
    global _cached
    if _cached is None:
        _cached = f"{__version__}+{fingerprint()[:16]}"
    return _cached
