"""The engine version is derived from the engine's code and lexicons: any change to a file under
reader/analysis/ changes it, and an article analysed by another engine is analysed again."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import reader.engine
from reader.engine import ANALYSIS_DIR, engine_version, fingerprint
from reader.library import Library


def test_the_version_is_the_fingerprint_of_the_analysis_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader.engine, "_cached", None)  # computed now, not when first asked
    version = engine_version()
    assert version.endswith("+" + fingerprint()[:16])
    assert engine_version() is version  # computed once per process


def test_a_changed_lexicon_or_rule_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "analysis"
    shutil.copytree(ANALYSIS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    same = fingerprint(copy)
    assert same == fingerprint(ANALYSIS_DIR)
    words = copy / "lexicons" / "organization_words.txt"
    lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
    words.write_text("".join(lines[:-1]), encoding="utf-8")  # one organisation word less
    assert fingerprint(copy) != same
    words.write_text("".join(lines), encoding="utf-8")
    assert fingerprint(copy) == same
    (copy / "quotes.py").write_bytes((copy / "quotes.py").read_bytes() + b"\n# changed\n")
    assert fingerprint(copy) != same
    (copy / "__pycache__").mkdir()
    (copy / "__pycache__" / "x.pyc").write_bytes(b"compiled files do not count")
    (copy / "quotes.py").write_bytes((ANALYSIS_DIR / "quotes.py").read_bytes())
    assert fingerprint(copy) == same


def test_an_article_from_another_engine_is_analysed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = Library(tmp_path)
    aid = lib.import_text("“It works,” said Jane Doe, a tester.", title="T")
    lib.open_article(aid)
    lib.close()
    conn = sqlite3.connect(tmp_path / "library.sqlite3")
    with conn:
        conn.execute("UPDATE article SET analysis_version = '0.1.0+1'")  # the old hand-set one
        conn.execute("DELETE FROM article_source")
    conn.close()
    lib = Library(tmp_path)
    assert lib.stale_articles() == [aid]
    assert lib.reopen_last() is None  # the fast way never shows a stale analysis
    view = lib.open_article(aid)
    assert [s.name for s in view.analysis.sources] == ["Jane Doe"]
    assert lib.stale_articles() == []
    monkeypatch.setattr(reader.engine, "_cached", "0.1.0+another")
    assert lib.stale_articles() == [aid]
