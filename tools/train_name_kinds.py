#!/usr/bin/env python3
"""Build `src/reader/analysis/lexicons/name_kinds.txt`, the name-kind model, from the CoreNLP
silver NER of PolNeAR train (../shared/corpora/polnear/train/corenlp, see its CORENLP.md).

    python3 tools/train_name_kinds.py [--data ../shared/corpora/polnear/train] [--out FILE]

What ~840 articles teach about capitalised words: which whole names are organisations, places
or people ("E <kind> <count> <name>"), and, per capitalised word, how often it stands in a
person's, an organisation's or a place's name, first word of a person's name (a given name)
included ("W <word> <person> <first> <organization> <location> <other> <lower>"; "other"
counts the word capitalised outside any name, away from a sentence start; "lower" written in
lower case, which tells a common word such as "Prevention" from a name). Counts under a floor
are dropped to keep the file small and the noise out. Deterministic: files read in sorted
order, lines written sorted. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "location"}
MIN_ENTITY = 2  # a whole name seen at least this often
MIN_WORD = 3  # a word seen capitalised at least this often
MIN_LOWER = 4  # or in lower case at least this often


def _spans(tokens: list[list], text: str, first_of_sentence: set[int]):
    """(kind, [token indices]) for each maximal run of one NER class, and ("other", [i])
    for a capitalised word outside any name that does not open a sentence."""
    i = 0
    while i < len(tokens):
        ner = tokens[i][3]
        if ner in KINDS:
            j = i
            while j + 1 < len(tokens) and tokens[j + 1][3] == ner:
                j += 1
            yield KINDS[ner], list(range(i, j + 1))
            i = j + 1
            continue
        word = text[tokens[i][0] : tokens[i][1]]
        if word[:1].isupper() and word.isalpha() and i not in first_of_sentence:
            yield "other", [i]
        i += 1


def build(data: Path) -> list[str]:
    entities: dict[str, Counter] = defaultdict(Counter)
    words: dict[str, Counter] = defaultdict(Counter)
    for path in sorted((data / "corenlp").glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        text = (data / "text" / (path.stem + ".txt")).read_text(encoding="utf-8")
        tokens = ann["tokens"]
        firsts = {s for s, _ in ann["sentences"]}
        for tok in tokens:
            word = text[tok[0] : tok[1]]
            if word[:1].islower() and word.isalpha():
                words[word.replace("’", "'")]["lower"] += 1
        for kind, idx in _spans(tokens, text, firsts):
            toks = [text[tokens[k][0] : tokens[k][1]] for k in idx]
            if kind != "other":
                name = " ".join(toks)
                if "\t" not in name and "\n" not in name:
                    entities[name][kind] += 1
            for n, w in enumerate(toks):
                if not w[:1].isupper():
                    continue
                key = w.lower().replace("’", "'")
                words[key][kind] += 1
                if kind == "person" and n == 0 and len(toks) >= 2:
                    words[key]["first"] += 1
    lines = []
    for name, c in entities.items():
        kind, n = max(sorted(c.items()), key=lambda kv: kv[1])
        if n >= MIN_ENTITY and n * 3 >= 2 * sum(c.values()) and " " in name:
            lines.append(f"E\t{kind}\t{n}\t{name}")
    for w, c in words.items():
        capitalised = sum(c[k] for k in ("person", "organization", "location", "other"))
        if capitalised >= MIN_WORD or c["lower"] >= MIN_LOWER:
            counts = "\t".join(
                str(c[k]) for k in ("person", "first", "organization", "location", "other", "lower")
            )
            lines.append(f"W\t{w}\t{counts}")
    return sorted(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/corpora/polnear/train")
    ap.add_argument(
        "--out", type=Path, default=ROOT / "src/reader/analysis/lexicons/name_kinds.txt"
    )
    a = ap.parse_args()
    lines = build(a.data)
    header = (
        "# Name kinds learned from the CoreNLP NER of PolNeAR train; built by"
        " tools/train_name_kinds.py, do not edit by hand.\n"
        "# E kind count name | W word person first organization location other lower\n"
    )
    a.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{a.out}: {len(lines)} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
