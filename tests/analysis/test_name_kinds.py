"""The learned name-kind model: rebuilt byte for byte from PolNeAR train by its script, and
used where no word list decides (a company name with no company word in it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.analysis import analyze
from reader.analysis.name_kinds import is_place, name_kind

ROOT = Path(__file__).resolve().parents[2]


def test_model_rebuilds_identically_from_the_shared_corpus(tmp_path: Path) -> None:
    out = tmp_path / "name_kinds.txt"
    subprocess.run(
        [sys.executable, str(ROOT / "tools/train_name_kinds.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "src/reader/analysis/lexicons/name_kinds.txt"
    assert out.read_bytes() == shipped.read_bytes()
    assert shipped.stat().st_size < 10_000_000


def test_model_tells_people_from_organisations_and_places() -> None:
    assert name_kind(["Maria", "Quenneville"]) == "person"  # a given name opens it
    assert name_kind(["Democratic", "National", "Committee"]) == "organization"
    assert name_kind(["Zqxv", "Wrrtp"]) is None  # nothing known: the rules decide
    assert is_place("Norway") and is_place("the United Kingdom") and is_place("Ohio")
    assert not is_place("Maria Quenneville")


def test_a_name_the_model_knows_as_an_organisation_speaks_as_one() -> None:
    a = analyze("“Orders are up again this quarter,” Boeing said.")
    used = {st.source for st in a.statements}
    kinds = [s.kind for s in a.sources if s.id in used]
    assert kinds == ["organization"]


def test_common_words_are_told_from_names() -> None:
    from reader.analysis.name_kinds import is_common_word

    assert is_common_word("Health") and is_common_word("Prevention")
    assert not is_common_word("Bush") and not is_common_word("Young")
    assert not is_common_word("Quenneville")  # unknown: no evidence either way
