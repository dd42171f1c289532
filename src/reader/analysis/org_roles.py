"""What an organisation is, as the text says it: a description right before its name
("Dubai's flagship carrier Harbor Air" → role "flagship carrier", affiliation "Dubai"; "the
space agency NASA"), an apposition after it ("Kessel, a chain of 30 newspapers, …"), or the
description that stands for it in the next sentence ("Harbor Co. reported … The
home-improvement retailer earned …")."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.affiliations import demonym
from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs
from reader.analysis.names import LEADING_DETS, cap, lexicon_union, text_of
from reader.analysis.roles import apposition_role

MAX_MODIFIERS = 4  # lower-case words qualifying the description's head ("flagship", "space")


def organisation_role(doc: Doc, name: str) -> tuple[str | None, str | None]:
    """(role, affiliation) from the first place the text describes the organisation `name`."""
    heads = lexicon_union("organization_words", "media_words")
    found = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text)]
    for start, end in found:
        a = doc.token_at(start)
        b = doc.token_at(end)
        if a >= len(doc.words) or doc.starts[a] != start:
            continue
        t = a - 1
        if t >= 0 and doc.lower[t] in heads and not cap(doc.words[t]):
            q = t
            while q > 0 and t - q < MAX_MODIFIERS and doc.words[q - 1].isalpha():
                if cap(doc.words[q - 1]) or doc.lower[q - 1] in LEADING_DETS:
                    break
                q -= 1
            role = text_of(doc, q, t + 1)
            aff: str | None = None
            before = doc.words[q - 1] if q > 0 else ""
            if q > 1 and before in {"’s", "'s"} and cap(doc.words[q - 2]):
                o = q - 2  # "Dubai's flagship carrier", "the United States's space agency"
                while o > 0 and cap(doc.words[o - 1]) and doc.lower[o - 1] not in LEADING_DETS:
                    o -= 1
                aff = text_of(doc, o, q - 1)
            elif cap(before) and before.endswith(("’s", "'s")):
                aff = before[:-2]
            return role, aff
        if b < len(doc.words) and doc.words[b] == ",":
            app, app_aff, _ = apposition_role(doc, b, len(doc.words))
            if app and doc.lower[b + 1] in {"a", "an"}:
                return app, app_aff  # "Kessel, a chain of 30 newspapers, …"
    return described_after(doc, name, found)


GENERIC = frozenset(
    {"company", "firm", "group", "organization", "organisation", "agency", "office", "body"}
)  # "the company": a head alone that says nothing of what the organisation is


def description_role(phrase: str, kind: str) -> str | None:
    """ "the regional lender" → "regional lender": what a definite description folded into a
    named organisation or outlet (`kind`) says it is; None for a bare generic head ("the
    company") or a head of the other kind ("the paper" for an organisation: a wrong fold)."""
    ws = phrase.split()
    while ws and ws[0].lower() in LEADING_DETS:
        ws = ws[1:]
    if not ws or (len(ws) == 1 and ws[0].lower() in GENERIC) or ws[0][:1].isupper():
        return None
    if (ws[-1].lower() in lexicon_union("media_words")) != (kind == "media"):
        return None
    return " ".join(ws)


def owner_elsewhere(doc: Doc, name: str) -> str | None:
    """ "the Interior Ministry said" after "Austria's interior minister said": the owner the
    text writes before the body's own qualifier and a title or organisation word elsewhere
    ("<Owner>'s interior minister|ministry") is the affiliation of a body named by a common
    word and an organisation word ("Interior Ministry", "Defense Department")."""
    ws = name.removeprefix("the ").split()
    if len(ws) != 2 or ws[1].lower() not in lexicon_union("organization_words"):
        return None
    if not (ws[0].isalpha() and ws[0][1:].islower()):
        return None  # "EU Commission": an acronym names its owner itself
    first = f"[{ws[0][0].upper()}{ws[0][0].lower()}]{re.escape(ws[0][1:])}"
    pattern = r"\b((?:[A-Z][\w.-]*\s)*[A-Z][\w.-]*)[’']s\s" + first + r"\s(\w+)"
    owned = lexicon_union("titles", "organization_words")
    for m in re.finditer(pattern, doc.text):
        if m.group(2).lower() in owned:
            return m.group(1)
    return None


OPENERS = frozenset({"but", "and", "yet", "still", "meanwhile", "now"})
FOLLOWING = 2  # sentences after the one naming the organisation


def described_after(
    doc: Doc, name: str, found: list[tuple[int, int]], heads: frozenset[str] | None = None
) -> tuple[str | None, str | None]:
    """ "Harbor Co. reported … The home-improvement retailer earned …", "… But the
    Tarn-owned company has …": a sentence opening with "the", lower-case words and an
    organisation word, soon after the name (written at `found`) with no other name written
    between them. `heads` are the nouns a description may end in (organisation words by
    default; job titles for a person: "… The veteran senator said …")."""
    heads = heads or lexicon_union("organization_words", "media_words")
    own = {w.lower() for w in name.split()}
    for start, end in found:
        i = bisect_right(doc.sent_starts, start) - 1
        k = doc.token_at(end)
        for a, b in doc.sentences[i + 1 : i + 1 + FOLLOWING]:
            t = doc.token_at(a)
            if not _only_own_names(doc, k, t, own):
                break
            t += doc.lower[t] in OPENERS if t < len(doc.words) else 0
            desc = _description(doc, t, heads) or _speaking(doc, t, doc.token_at(b), heads, own)
            if desc is not None:
                return desc
            k = t
    return None, None


def _speaking(
    doc: Doc, t: int, e: int, heads: frozenset[str], own: set[str]
) -> tuple[str, str | None] | None:
    """ "…, the brokerage said." inside the sentence from token t to e: a description that
    speaks after a comma, with no other name before it in the sentence."""
    verbs = reporting_verbs()
    for j in range(t + 1, e):
        if doc.lower[j] != "the" or doc.words[j - 1] != ",":
            continue
        desc = _description(doc, j, heads)
        after = j + 1 + len(desc[0].split()) if desc is not None else e
        if desc is not None and after < e and doc.lower[after] in verbs:
            return desc if _only_own_names(doc, t, j, own) else None
    return None


def _only_own_names(doc: Doc, k: int, t: int, own: set[str]) -> bool:
    """No capitalised word between tokens k and t but sentence openers and the name's own."""
    allowed = own | lexicon_union("weekdays", "months")
    return not any(
        cap(doc.words[j])
        and doc.lower[j].removesuffix("’s").removesuffix("'s") not in allowed
        and doc.lower[j] + "." not in own
        and not _opens_sentence(doc, j)
        for j in range(k, t)
    )


def _opens_sentence(doc: Doc, j: int) -> bool:
    s = doc.sentence_of(doc.starts[j])
    return s is not None and doc.token_at(s[0]) == j


def _description(doc: Doc, t: int, heads: frozenset[str]) -> tuple[str, str | None] | None:
    """ "the home-improvement retailer" from token t: (role, owner from "Tarn-owned")."""
    low, wd = doc.lower, doc.words
    if t >= len(wd) or low[t] != "the":
        return None
    q = t + 1
    while q < len(wd) and q - t <= MAX_MODIFIERS + 1 and low[q] not in heads:
        if not wd[q][:1].isalpha():
            return None
        if cap(wd[q]) and not (low[q].endswith(("-owned", "-based")) or demonym(wd[q])):
            return None  # a name, not a description ("The Portuguese coach" is one)
        q += 1
    if q >= len(wd) or low[q] not in heads or (q == t + 1 and low[q] in GENERIC):
        return None
    mods = [w for w in wd[t + 1 : q] if not w.lower().endswith(("-owned", "-based"))]
    owners = [w.rsplit("-", 1)[0] for w in wd[t + 1 : q] if w.lower().endswith("-owned")]
    return " ".join([*mods, wd[q]]), (owners[0] if owners else None)
