"""A second look at the kind of each named source once the whole article is read: a name
taken for a person's is an organisation's when the article writes it as one ("Harbor Co.",
"Harbor shares", "Harbor's parent", "the Harbor", "Harbor said its …"), or when its role says so
("Harbor, the company that …"); a place's name is the state's; a common word capitalised
("Prevention said") is no person."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.analysis.body_voices import role_words, settle_body
from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.model import Named
from reader.analysis.name_kinds import is_common_word, is_given_name, is_place, name_kind
from reader.analysis.names import CALENDAR, TIME_WORDS
from reader.analysis.org_evidence import organisation_elsewhere

PRONOUN_NAMES = frozenset({"they", "we", "them", "us", "it", "i", "you"})
CAMEL_RE = re.compile(r"^[A-Z][a-z]{2,}[A-Z][a-z]+$")  # "GateHouse", "WeWork": a brand
# what may follow "the NAME" for the name to stand alone ("the Harbor has …"), not modify a
# noun ("the Trump administration")
VERB_AFTER = frozenset({"has", "had", "have", "is", "was", "are", "were", "and", "said", "says"})


def _role_head(role: str | None) -> str:
    """The noun a role ends with before any clause: "company that runs X" → "company"."""
    if not role:
        return ""
    head = role_words(role)
    return head[-1] if head else ""


def _reports_as_it(doc: Doc, k: int) -> bool:
    """Tokens from k read (time words) REPORTING-VERB (that) its: the speaker is an "it"."""
    low = doc.lower
    n = len(low)
    while k < n and (low[k] in TIME_WORDS or low[k] in CALENDAR):
        k += 1
    if k >= n or low[k] not in reporting_verbs():
        return False
    k += 1
    if k < n and low[k] == "that":
        k += 1
    return k < n and low[k] == "its"  # "it" may be anything said; "its" is the speaker's


def _written_as_organisation(doc: Doc, name: str, index: dict[str, list[int]]) -> bool:
    ws = name.split()
    n = len(ws)
    evidence = words("organization_evidence")
    wd, low = doc.words, doc.lower
    owned = {ws[-1] + "’s", ws[-1] + "'s"}
    ends = sorted(t for w in (ws[-1], *owned) for t in index.get(w, []))
    for j in (e - n + 1 for e in ends if e - n + 1 >= 0):
        last = wd[j + n - 1]
        if wd[j : j + n - 1] != ws[:-1] or doc.paragraph_of(doc.starts[j]) < 0:
            continue
        if last in owned:
            k = j + n
            nxt = low[k] if k < len(wd) else ""
            nxt2 = f"{nxt} {low[k + 1]}" if k + 1 < len(wd) else nxt
            if nxt in evidence or nxt2 in evidence:
                return True  # "Harbor's parent", "Harbor's chief executive"
            continue
        if last != ws[-1]:
            continue
        after = low[j + n] if j + n < len(wd) else ""
        after2 = f"{after} {low[j + n + 1]}" if j + n + 1 < len(wd) else after
        if after in evidence or after2 in evidence:
            return True  # "Harbor Co.", "Harbor shares"
        if j > 0 and wd[j - 1] == "the" and (not after[:1].isalnum() or after in VERB_AFTER):
            return True  # "the Harbor has …", "the Harbor.": no person's name takes "the"
        if _reports_as_it(doc, j + n):
            return True  # "Harbor said its profits fell", "Harbor on Monday announced that it …"
    return False


def _describe_role(e: Named) -> None:
    """What an unnamed group or a state is, as its role: "many analysts" → "analysts"; a
    country speaking → its "government"."""
    if e.role:
        return
    if e.kind == "anonymous" and e.name.lower() not in PRONOUN_NAMES:
        ws = e.name.split()
        while ws and ws[0].lower() in words("quantifiers"):
            ws = ws[1:]
        e.role = " ".join(ws).lower() or None
    elif e.kind == "organization" and is_place(e.name):
        e.role = "government"


def settle_kinds(doc: Doc, entities: Sequence[Named], index: dict[str, list[int]]) -> None:
    """Turn people who are organisations, outlets or states into what they are; give unnamed
    groups and states the role their description says."""
    org_words, media_words = words("organization_words"), words("media_words")
    for e in entities:
        _describe_role(e)
        settle_body(e)
        if e.kind != "person" or not e.name[:1].isupper():
            continue
        ws = e.name.split()
        if len(ws) >= 2 and is_given_name(ws[0]):
            continue
        if len(ws) == 1 and is_common_word(ws[0]):
            e.kind = "other"  # "Prevention said": a word, capitalised; not a person's name
            continue
        # a name the model knows as a person's keeps its kind whatever its role's head says
        # ("Jane Roe, a retired letter carrier", "a policy maker")
        head = "" if len(ws) >= 2 and name_kind(ws) == "person" else _role_head(e.role)
        if head in media_words and head not in {"show", "program", "site"}:
            e.kind = "media"
        elif (
            head in org_words
            or is_place(e.name)
            or (len(ws) == 1 and CAMEL_RE.match(ws[0]) and not ws[0].startswith(("Mc", "Mac")))
            or _written_as_organisation(doc, e.name, index)
            or organisation_elsewhere(doc, e.name, index)
        ):
            e.kind = "organization"
