"""Importing psycopg for the window's start on a team library without importlib.metadata.

psycopg and psycopg-binary read their own versions with `importlib.metadata.version()` when
imported, which imports the email package and scans every installed distribution: about
0.2 s, most of what a team library's start cost beyond a library file's. Their versions are
read here from the names of the dist-info folders installed next to them and handed to them as
their `version` modules; where that can't be done (another kind of install), psycopg is
imported as it is.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from pathlib import Path

log = logging.getLogger(__name__)

_PACKAGES = ("psycopg", "psycopg_binary")


def _installed_version(package: str) -> str | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    site = Path(next(iter(spec.submodule_search_locations))).parent
    found = list(site.glob(f"{package}-*.dist-info"))
    if len(found) != 1:
        return None
    return found[0].name[len(package) + 1 : -len(".dist-info")]


def import_psycopg() -> None:
    """Import psycopg (its versions from the dist-info folders' names, see above)."""
    if "psycopg" in sys.modules:
        return
    for package in _PACKAGES:
        name = f"{package}.version"
        version = _installed_version(package) if name not in sys.modules else None
        if version is None:
            continue
        module = types.ModuleType(name, f"{package}'s version (reader.store.psycopg_import)")
        module.__version__ = version  # type: ignore[attr-defined]
        sys.modules[name] = module
    import psycopg

    log.debug("psycopg %s imported", psycopg.__version__)
