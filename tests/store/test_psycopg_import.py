"""A team library's window imports psycopg without importlib.metadata (about 0.2 s of its
start), and psycopg still knows its own version (SQLAlchemy's dialect reads it)."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata


def test_psycopg_imported_for_the_window_knows_its_versions_without_importlib_metadata():
    code = (
        "import sys\n"
        "from reader.store.psycopg_import import import_psycopg\n"
        "import_psycopg()\n"
        "import psycopg, psycopg_binary\n"
        "print('importlib.metadata' in sys.modules, psycopg.__version__,"
        " psycopg_binary.__version__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out == ["False", metadata.version("psycopg"), metadata.version("psycopg-binary")]
