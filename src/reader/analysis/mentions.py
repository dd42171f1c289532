"""Layer 4: mentions of who speaks: names, roles, organisations, media, anonymous groups,
pronouns. Noun phrases are read off the tokens next to a cue or a quotation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.analysis.doc import ABBREVIATIONS, Doc
from reader.analysis.lexicons import places, reporting_verbs, words
from reader.analysis.model import Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
THING_PRONOUNS = frozenset({"it", "its"})
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS
LEADING_DETS = frozenset(
    {"the", "a", "an", "our", "their", "his", "her", "its", "this", "these", "one", "another"}
)
BOUNDARY_WORDS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "because",
        "when",
        "if",
        "but",
        "and",
        "or",
        "nor",
        "while",
        "as",
        "after",
        "before",
        "since",
        "although",
        "though",
        "so",
        "where",
        "what",
        "how",
        "why",
        "than",
        "then",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "not",
        "to",
        "also",
        "there",
        "here",
        "it's",
        "this",
    ]
)
SKIP_BEFORE_CUE = frozenset(
    [
        "also",
        "now",
        "recently",
        "has",
        "have",
        "had",
        "later",
        "previously",
        "then",
        "again",
        "once",
        "repeatedly",
        "publicly",
        "privately",
        "further",
        "even",
        "himself",
        "herself",
        "themselves",
        "itself",
        "reportedly",
        "allegedly",
        "first",
        "finally",
        "subsequently",
        "still",
        "often",
        "never",
        "already",
        "long",
        "just",
        "originally",
        "initially",
        "quickly",
        "simply",
        "flatly",
        "openly",
        "explicitly",
        "separately",
        "too",
        "however",
    ]
)
PREPOSITIONS = frozenset(
    {"of", "at", "for", "among", "from", "with", "in", "on", "within", "inside"}
)
NAME_JOINERS = frozenset({"of", "and", "&", "de", "van", "von", "der", "al", "bin", "la", "du"})
RUN_JOINERS = NAME_JOINERS | {"for", "the"}
TRAILING_DROP = frozenset({"himself", "herself", "themselves", "itself", "too", "also", "alone"})
TIME_WORDS = (
    words("weekdays")
    | words("time_words")
    | frozenset({"next", "day", "days", "weeks", "months", "years", "ago"})
    | frozenset({"meanwhile", "however", "in", "on"})
)


DEMONYM_ENDINGS = ("ian", "ese", "ish")
RELATIVE_SUBJECTS = frozenset({"who", "which"})
STUDY_WORDS = frozenset(
    {"new", "research", "peer-reviewed", "scientific", "academic", "working", "white", "recent"}
)
COMPASS = frozenset({"north", "south", "east", "west"})  # "the North said": a state
COLLEAGUES = frozenset(
    [
        "colleagues",
        "collaborators",
        "co-authors",
        "coauthors",
        "team",
        "associates",
        "partners",
        "aides",
        "lawyers",
        "attorneys",
        "advisers",
        "advisors",
        "allies",
        "supporters",
    ]
)
RELATIVES_ALL = frozenset({"who", "which", "whose", "whom", "that"})
BE_FORMS = frozenset({"is", "are", "was", "were", "am", "been", "be"})
POSTMODIFIERS = frozenset(
    {"familiar", "close", "briefed", "involved", "knowledgeable", "aware", "informed", "speaking"}
)
NOT_A_SUBJECT_START = frozenset(
    {"in", "on", "at", "during", "with", "to", "after", "before", "for", "from", "by", "of"}
)
NOT_BEFORE_PERSON = frozenset({"at", "of", "from", "the", "company", "firm", "group", "in", "on"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})
NOT_A_NAME_START = BOUNDARY_WORDS | NOT_A_SUBJECT_START | TIME_WORDS | LEADING_DETS | {"according"}
NAME_PUNCT_RE = re.compile(r"[.'’-]")
# first words of place names, not of people's: "New York", "San Diego", "Fort Worth"
TOPONYM_FIRST = frozenset(
    [
        "new",
        "san",
        "santa",
        "los",
        "las",
        "el",
        "puerto",
        "fort",
        "port",
        "mount",
        "lake",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "great",
        "saint",
        "st",
    ]
)
CALENDAR = words("months") | words("weekdays")
PLACE_PREPOSITIONS = frozenset(
    {"to", "into", "near", "across", "toward", "towards", "through", "via", "outside", "around"}
)


@dataclass(frozen=True)
class Mention:
    """A noun phrase naming who speaks. `name` is the proper name when there is one, else the
    phrase without its determiner. `descriptive` marks a role without a name."""

    span: Span
    text: str
    name: str
    kind: str  # person | organization | media | anonymous | document | other
    role: str | None = None
    affiliation: str | None = None
    pronoun: bool = False
    descriptive: bool = False
    written: Span | None = None  # the word standing for it there ("who" in "X, who said")
    group: bool = False  # "Jane Roe and her colleagues": a named person speaking with others


def _cap(w: str) -> bool:
    return w[:1].isupper()


def _initial(doc: Doc, j: int) -> bool:
    """Token j is a middle initial: "M" in "Brian M. Good" (a capital letter between names)."""
    w = doc.words[j]
    return (
        len(w) == 1
        and w.isupper()
        and j > 0
        and _cap(doc.words[j - 1])
        and doc.words[j - 1].isalpha()
        and j + 2 < len(doc.words)
        and doc.words[j + 1] == "."
        and _cap(doc.words[j + 2])
    )


def _sentence_initial(doc: Doc, t: int) -> bool:
    if t == 0 or doc.words[t - 1] in {"“", '"', "‘", "(", "\n"}:
        return True
    sent = doc.sentence_of(doc.starts[t])
    return sent is None or sent[0] == doc.starts[t]


def run_start(doc: Doc, lo: int, hi: int) -> int:
    """Start of the proper name ending at token `hi`: capitalised words, middle initials, and
    the small words inside an organisation's name ("Friends of the Earth", "People for the
    Ethical Treatment of Animals", "Breaking the Silence")."""
    wd, low = doc.words, doc.lower
    r = hi
    while r > lo:
        w = wd[r - 1]
        if _cap(w) or (w == "." and r - 2 >= lo and _initial(doc, r - 2)):
            r -= 1
        elif low[r - 1] in RUN_JOINERS and r - 1 > lo and r < hi and _cap(wd[r - 2]):
            if low[r - 1] == "the" and _sentence_initial(doc, r - 2):
                break  # "Later the Senate": a capital only because the sentence starts there
            r -= 1
        elif (
            low[r - 1] == "the"
            and r - 2 > lo
            and r < hi
            and low[r - 2] in {"of", "for"}
            and _cap(wd[r - 3])
        ):
            r -= 2  # "of the", "for the" inside a name
        else:
            break
    return r


def is_boundary(doc: Doc, j: int) -> bool:
    w = doc.words[j]
    if not w[:1].isalnum():
        if w == "." and j > 0 and (doc.lower[j - 1] in ABBREVIATIONS or _initial(doc, j - 1)):
            return False
        return w not in {"’", "'", "&"}
    return doc.lower[j] in BOUNDARY_WORDS


def _title_at(low: list[str], j: int) -> int:
    """Length (1 or 2) of a job title starting at token j, or 0."""
    titles = words("titles")
    if j + 1 < len(low) and f"{low[j]} {low[j + 1]}" in titles:
        return 2
    if low[j] in titles or (j + 1 < len(low) and low[j + 1] == "." and low[j] + "." in titles):
        return 1
    return 0


def _text(doc: Doc, a: int, b: int) -> str:
    return doc.text[doc.starts[a] : doc.ends[b - 1]] if b > a else ""


def split_role(doc: Doc, a: int, b: int) -> tuple[str | None, str | None]:
    """An apposition such as "an analyst at the consulting company Defense Express" → (role,
    affiliation): the words before the first preposition, and what follows it (narrowed to a
    trailing proper name when a description precedes the name)."""
    low = doc.lower
    while a < b and low[a] in LEADING_DETS:
        a += 1
    if a >= b:
        return None, None
    p = next((j for j in range(a + 1, b) if low[j] in PREPOSITIONS), None)
    if p is None:
        # "Belarusian opposition journalist": title word last, modifiers before it
        t = next((j for j in range(b - 1, a - 1, -1) if _title_at(low, j)), None)
        if t is None:
            return _text(doc, a, b), None
        while t > a and _title_at(low, t - 1):
            t -= 1  # "Deputy Chief": a title qualified by another
        return _text(doc, t, b), (_text(doc, a, t) or None)
    role = _text(doc, a, p)
    q = p + 1
    while q < b and low[q] in LEADING_DETS:
        q += 1
    aff_start = p + 1
    # narrow "the information company Defense Express" to "Defense Express"
    r = max(run_start(doc, q, b), q)
    if r < b and r > q and not doc.words[r - 1][:1].isupper() and low[r - 1] not in NAME_JOINERS:
        aff_start = r
    elif r == q and q < b and low[p + 1] == "the":
        aff_start = q  # "at the Prague Institute" → "Prague Institute"
    aff = _text(doc, aff_start, b)
    return role or None, aff or None


def with_colleagues(doc: Doc, a: int, b: int) -> Mention | None:
    """`Jane Roe and her colleagues` ([a, b)): the named person, speaking for a group she
    leads; None when the phrase is not of that shape."""
    low = doc.lower
    k = next((t for t in range(a + 1, b - 2) if low[t] == "and"), None)
    if k is None or low[k + 1] not in {"his", "her", "their"} or b - (k + 2) > 3:
        return None
    if low[b - 1] not in COLLEAGUES:
        return None
    m = describe(doc, a, k)
    if m is None or m.kind != "person" or m.pronoun or m.descriptive:
        return None
    span = (doc.starts[a], doc.ends[b - 1])
    return Mention(span, _text(doc, a, b), m.name, "person", m.role, m.affiliation, group=True)


def describe(
    doc: Doc, a: int, b: int, *, loose: bool = False, pronouns: frozenset[str] = SUBJECT_PRONOUNS
) -> Mention | None:
    """Read tokens [a, b) as a mention of a speaker, or None when they are not one. `loose`
    accepts any short noun phrase (in the slot next to a quotation's cue, where only a speaker
    fits); `pronouns` are those allowed to stand alone."""
    low, wd = doc.lower, doc.words
    while b > a and low[b - 1] in TRAILING_DROP:
        b -= 1
    if b <= a or b - a > 16:
        return None
    span = (doc.starts[a], doc.ends[b - 1])
    if b - a == 1 and low[a] in PRONOUNS:
        if low[a] not in pronouns:
            return None
        kind = "person" if low[a] in PERSON_PRONOUNS else "anonymous"
        kind = "organization" if low[a] in THING_PRONOUNS else kind
        return Mention(span, wd[a], wd[a], kind, pronoun=True)
    if "and" in low[a:b]:
        g = with_colleagues(doc, a, b)
        if g is not None:
            return g
    if low[b - 1].endswith(("'s", "’s")):
        return None  # "over Russia's alleged role": a possessive is no subject
    if b - a == 1 and low[a] in NOT_A_NAME_START:
        return None  # "According", "Since": a capital only because the sentence starts there
    # leading time adverbials and determiners
    while a < b - 1 and low[a] in TIME_WORDS:
        a += 1
    full_a = a
    while a < b and low[a] in LEADING_DETS:
        a += 1
    if a >= b:
        return None
    text = _text(doc, full_a, b)
    # split a trailing prepositional phrase: "sources among Ukrainian border forces"
    for j in range(a + 2, b - 1):
        if low[j] == "by" and low[j - 1].endswith("ed"):
            b = j - 1  # "witness statements obtained by The Post": the statements speak
            break
    head_end, pp = b, None
    for j in range(a + 1, b - 1):
        if low[j] in PREPOSITIONS:
            if (
                _cap(wd[j - 1])
                and low[j] in {"of", "for"}
                and (_cap(wd[j + 1]) or (low[j + 1] == "the" and j + 2 < b and _cap(wd[j + 2])))
            ):
                continue  # "Ministry of Defense", "Center for Policy", "Friends of the Earth"
            head_end, pp = j, (j + 1, b)
            break
    # proper-name run at the end of the head
    r = run_start(doc, a, head_end)
    while r < head_end and (low[r] in RUN_JOINERS or _title_at(low, r)):
        r += _title_at(low, r) or 1
        if r < head_end and wd[r] == ".":
            r += 1
    titled_role = None
    inner_title = next(
        (t for t in range(head_end - 2, r, -1) if _title_at(low, t) and _cap(wd[t])), None
    )
    if inner_title is not None and not any(
        low[t] in words("organization_words") for t in range(r, head_end)
    ):
        # "Patrol Chief James Hall": the title and what qualifies it, then the name
        n = inner_title + _title_at(low, inner_title)
        if n < head_end and wd[n] == ".":
            n += 1
        if n < head_end and all(_cap(w) or w == "." for w in wd[n:head_end]):
            titled_role = _text(doc, r, n)
            r = n
    lex_media, lex_org = words("media_words"), words("organization_words")
    lex_anon, lex_doc, lex_titles = (
        words("anonymous_words"),
        words("document_words"),
        words("titles"),
    )
    role = affiliation = None
    if (
        r == a
        and head_end - r == 1
        and (low[r] in lex_anon or low[r] in lex_doc or low[r] in lex_org or low[r] in lex_titles)
    ):
        r = head_end  # "Officials said": a capital only because the sentence starts there
    if r < head_end:
        name = _text(doc, r, head_end)
        name_low = [w for w in low[r:head_end] if w.isalnum() or "." in w]
        pre = (a, r)
        if len(name_low) == 1 and name_low[0].endswith(DEMONYM_ENDINGS) and r == a:
            return None  # "Belarusian" alone is an adjective, not a speaker
        if name in places() or (len(name_low) == 1 and name_low[0] in COMPASS):
            kind = "organization"
            name = _text(doc, a, head_end)  # "official Minsk"
        elif any(w in lex_org for w in name_low[1:] or name_low) and head_end - r > 1:
            kind = "organization"
        elif "the" in name_low or "for" in name_low:
            kind = "organization"  # no person's name holds "the": "Breaking the Silence"
        elif (name_low and name_low[-1] in lex_media) or (
            len(name_low) == 1 and name_low[0] in lex_media
        ):
            kind = "media"
        elif len(name_low) == 1 and len(name_low[0]) >= 3 and wd[r].isupper() and wd[r].isalpha():
            kind = "organization"  # "PETA said": an acronym names an organisation
        else:
            kind = "person"
        if pre[1] > pre[0]:
            head = low[pre[1] - 1]
            if kind == "person" and (head in lex_org or head in lex_media):
                kind = "organization" if head in lex_org else "media"
            if kind == "person":
                role, affiliation = split_role(doc, *pre)
                if affiliation is None and role and not any(_title_at(low, j) for j in range(*pre)):
                    role = None
                if titled_role:
                    role, affiliation = titled_role, None
            else:
                role = _text(doc, *pre)
        if pp and kind == "person":
            role2, aff2 = None, _text(doc, *pp)
            role = role or role2
            affiliation = affiliation or aff2
        if kind != "person" and pp:
            name = _text(doc, r, b)
        return Mention(span, text, name, kind, role, affiliation)
    head = low[head_end - 1]
    name = _text(doc, a, b)
    if head in lex_anon:
        kind = "anonymous"
        if pp:
            affiliation = _text(doc, *pp)
    elif head in lex_media:
        kind = "media"
        if head == "paper" and any(w in STUDY_WORDS for w in low[a : head_end - 1]):
            kind = "document"  # "the new peer-reviewed paper": a study, not a newspaper
    elif head in lex_org:
        kind = "organization"
    elif head in lex_doc:
        kind = "document"
    elif head in lex_titles or _title_at(low, head_end - 1):
        kind = "person"
        role, affiliation = split_role(doc, a, b)
        return Mention(span, text, name, kind, role, affiliation, descriptive=True)
    elif head.endswith("s") and head[:-1] in lex_titles:
        kind = "anonymous"  # "the lawyers said"
        if pp:
            affiliation = _text(doc, *pp)
    elif loose and any(ch.isalpha() for ch in wd[head_end - 1]):
        kind = "other"
        if _cap(wd[a]) and low[a].endswith(("'s", "’s")) and head_end - a > 1:
            # "Google's recent analysis of searches": the owner is who speaks through it
            name = wd[a][:-2]
    else:
        # "a source familiar with …": the head noun stands before a modifier
        inner = next(
            (
                t
                for t in range(head_end - 2, a - 1, -1)
                if low[t] in lex_anon or low[t] in lex_titles
            ),
            None,
        )
        if inner is None or head_end - inner > 3 or low[head_end - 1] not in POSTMODIFIERS:
            return None
        kind = "anonymous" if low[inner] in lex_anon else "person"
        return Mention(span, text, name, kind, None, None, descriptive=kind == "person")
    return Mention(span, text, name, kind, None, affiliation)


def skip_back(doc: Doc, j: int, floor: int) -> int:
    """Step left over auxiliaries and adverbs standing between a subject and its verb."""
    while j >= floor and doc.lower[j] in SKIP_BEFORE_CUE:
        j -= 1
    return j


def subject_left(
    doc: Doc, cue_token: int, floor: int, *, loose: bool = False
) -> tuple[Mention | None, int]:
    """The subject standing left of a cue, and the index of its first token. Handles
    "NAME, APPOSITION, told ..." too."""
    j = skip_back(doc, cue_token - 1, floor)
    if doc.lower[cue_token].endswith("ing") and j >= floor and doc.lower[j] in BE_FORMS:
        j = skip_back(doc, j - 1, floor)  # "is telling", "was saying"
    if j - 1 >= floor and doc.lower[j] in RELATIVE_SUBJECTS and doc.words[j - 1] == ",":
        # "…, Barack Obama, who called …": the relative pronoun stands for the phrase before
        m, a = subject_left(doc, j, floor)
        if m is None:
            return None, j
        rel = (doc.starts[j], doc.ends[j])
        return Mention(m.span, m.text, m.name, m.kind, m.role, m.affiliation, written=rel), a
    if j >= floor and doc.words[j] == ")":
        # "Sen. Jane Doe (D-Vt.) said": step over the parenthesis
        k = j - 1
        while k >= floor and j - k <= 8 and doc.words[k] != "(":
            k -= 1
        if k >= floor and doc.words[k] == "(":
            j = k - 1
    end = j + 1
    if (
        j > floor
        and doc.lower[j] in SUBJECT_PRONOUNS
        and doc.words[j - 1][:1].isalnum()
        and doc.lower[j - 1] not in reporting_verbs()
        and doc.lower[j - 1] not in BOUNDARY_WORDS
    ):
        # "photographs of several attendees they claimed were …": the pronoun is the subject
        return describe(doc, j, end), j
    while j >= floor and end - j <= 12 and not is_boundary(doc, j):
        j -= 1
    a = j + 1
    if a < end and a - 2 >= floor and doc.lower[a - 1] == "and":
        n = a - 1
        while n - 1 >= floor and a - n <= 5 and _cap(doc.words[n - 1]):
            n -= 1
        g = with_colleagues(doc, n, end) if n < a - 1 else None
        if g is not None:
            return g, n
    if a < end and a > floor and doc.lower[a - 1] in RELATIVES_ALL and doc.lower[a].endswith("ed"):
        return None, a  # "…, who owned a company called X": a relative clause, no subject
    if a < end:
        m = describe(doc, a, end, loose=loose and doc.lower[a] in LEADING_DETS)
        if m is None and doc.lower[a] in NOT_A_SUBJECT_START:
            # "At the end of the hearing the judge told …": the last determiner opens it
            p = next((t for t in range(end - 1, a, -1) if doc.lower[t] in LEADING_DETS), None)
            if p is not None:
                m = describe(doc, p, end)
                return m, p
        if m is None and end - a > 1 and doc.lower[a] in NOT_A_SUBJECT_START | TIME_WORDS:
            # "On Monday he said …", "In Iowa Trump said …": an adverbial, then the subject
            t = end - 1
            if doc.lower[t] in SUBJECT_PRONOUNS:
                return describe(doc, t, end), t
            r = t
            while r > a and _cap(doc.words[r - 1]) and doc.words[r - 1].isalpha():
                r -= 1
            if r < end and r - a >= 2 and _cap(doc.words[r]):
                m2 = describe(doc, r, end)
                if m2 is not None and m2.kind == "person" and not m2.descriptive:
                    return m2, r
        return m, a
    if j >= floor and doc.words[j] in {",", "—", "–"}:
        m, a2 = apposition_left(doc, j, floor)
        if m is not None:
            return m, a2
        m, a2 = relative_left(doc, j, floor)
        if m is not None:
            return m, a2
        m, a2 = name_before_appositions(doc, j, floor)
        if m is not None:
            return m, a2
    return None, end


def name_before_appositions(doc: Doc, comma: int, floor: int) -> tuple[Mention | None, int]:
    """`Jane Doe, 29, of Austin, Texas, said …` / `Sen. John Roe, R-Ohio, said …`: a name
    opening the sentence, followed by short appositions (age, home town, party)."""
    commas = [comma]
    k = comma - 1
    while k >= floor and comma - k <= 24:
        w = doc.words[k]
        if w in {".", ";", ":", "“", "”", '"'} and not (
            w == "." and doc.lower[k - 1] in ABBREVIATIONS
        ):
            break
        if w == ",":
            commas.append(k)
        k -= 1
    start = k + 1
    if len(commas) < 2 or len(commas) > 4:
        return None, comma
    first = commas[-1]
    if not 0 < first - start <= 5:
        return None, comma
    words_ = [w for w in doc.words[start:first] if w[:1].isalnum()]
    if len(words_) < 2 or not all(_cap(w) for w in words_):
        return None, comma
    if any(b - a > 7 for a, b in zip(commas[1:], commas, strict=False)):
        return None, comma  # appositions are short: an age, a town, a party
    m = describe(doc, start, first)
    if m is None or m.kind != "person" or m.descriptive or m.pronoun:
        return None, comma
    return m, start


def relative_left(doc: Doc, comma: int, floor: int) -> tuple[Mention | None, int]:
    """`The union, which represents nurses, said …`: the phrase before the relative clause."""
    k = comma - 1
    while k >= floor and comma - k <= 20 and doc.words[k] not in {",", ";", ":", "“", "”", '"'}:
        k -= 1
    if k < floor or doc.words[k] != "," or doc.lower[k + 1] not in RELATIVE_SUBJECTS:
        return None, comma
    return subject_left(doc, k, floor)


def apposition_left(doc: Doc, comma: int, floor: int) -> tuple[Mention | None, int]:
    """Tokens before `comma` read as NAME, APPOSITION → the name's mention with the role."""
    mark = doc.words[comma]
    k = comma - 1
    stops = {",", "“", "”", '"', ";", ":", mark}
    while k >= floor and comma - k <= 30 and doc.words[k] not in stops:
        if doc.words[k] == "." and doc.lower[k - 1] not in ABBREVIATIONS:
            return None, comma
        k -= 1
    if k < floor or doc.words[k] != mark:
        return None, comma
    app = (k + 1, comma)
    low = doc.lower
    # "her senior policy adviser, Jake Sullivan, said": the name stands second
    inner = [w for w in doc.words[app[0] : app[1]] if w.isalnum()]
    if inner and len(inner) <= 6 and all(_cap(w) or w in NAME_JOINERS for w in inner):
        d = k - 1
        while d >= floor and k - d <= 8 and not is_boundary(doc, d):
            d -= 1
        if d + 1 < k and any(_title_at(low, t) for t in range(d + 1, k)):
            name = describe(doc, app[0], app[1])
            if name is not None and name.kind == "person" and not name.descriptive:
                role, aff = split_role(doc, d + 1, k)
                return Mention(name.span, name.text, name.name, "person", role, aff), d + 1
    n_end = k
    n = k - 1
    while n >= floor and n_end - n <= 5 and not is_boundary(doc, n):
        n -= 1
    n_start = n + 1
    name_words = [w for w in doc.words[n_start:n_end] if w.isalnum()]
    titles = words("titles")
    if n_start >= n_end or not all(_cap(w) or w in NAME_JOINERS or w in titles for w in name_words):
        return None, comma
    name = describe(doc, n_start, n_end)
    if name is None or name.kind != "person" or name.descriptive or name.pronoun:
        return None, comma
    titled = any(_title_at(low, t) for t in range(*app))
    if not (low[app[0]] in LEADING_DETS or titled or not _cap(doc.words[app[0]])):
        return None, comma
    role, aff = split_role(doc, *app)
    if low[app[0]] in RELATIVES_ALL:
        # "Jane Roe, who was a top official at X, said": the role after "who was", if any
        role = aff = None
        if app[0] + 2 < app[1] and low[app[0] + 1] in BE_FORMS:
            r2, a2 = split_role(doc, app[0] + 2, app[1])
            if any(_title_at(low, t) for t in range(app[0] + 2, app[1])):
                role, aff = r2, a2
    elif all(w.isdigit() or not w.isalnum() for w in doc.words[app[0] : app[1]]):
        role = aff = None  # "Jane Roe, 43, said": an age is no role
    elif _cap(doc.words[app[0]]) and low[app[0]] not in LEADING_DETS:
        # "Color of Change's executive director": organisation first, title last
        t = next(t for t in range(app[1] - 1, app[0] - 1, -1) if _title_at(low, t))
        role, aff = (
            _text(doc, t, app[1]),
            _text(doc, app[0], t).removesuffix("’s").removesuffix("'s"),
        )
        aff = aff.strip() or None
    return Mention(name.span, name.text, name.name, "person", role, aff), n_start


def np_right(doc: Doc, k: int, limit: int) -> Mention | None:
    """The subject after an inverted cue ("said Belarusian journalist Jane Doe, an analyst at
    X"): the phrase up to a comma or the sentence end, with an apposition after the comma."""
    if k < limit and doc.lower[k] in NOT_A_SUBJECT_START:
        return None  # "said in a statement", "said with a smile"
    j = k
    while j < limit and j - k < 10 and not is_boundary(doc, j):
        if doc.lower[j] in {"in", "on", "during", "at", "after", "before", "when"} and j > k:
            break
        j += 1
    if j == k:
        return None
    m = describe(doc, k, j, loose=True)
    if m is None:
        return None
    if j < limit and doc.words[j] == "," and m.kind == "person" and not m.pronoun:
        e = j + 1
        while e < limit and e - j < 25 and doc.words[e] not in {",", ".", ";", "“", "”", '"'}:
            e += 1
        if e > j + 1 and (doc.lower[j + 1] in LEADING_DETS or _title_at(doc.lower, j + 1)):
            role, aff = split_role(doc, j + 1, e)
            if role:
                m = Mention(m.span, m.text, m.name, m.kind, role, aff)
    return m


def person_candidates(doc: Doc) -> list[Mention]:
    """Names of people anywhere in the body ("Maria Santos, a nurse at …"), with the role of
    an apposition that follows; antecedents for pronouns and descriptions. Only body
    paragraphs count (not headlines or related links), and a capitalised run is no name when
    it opens with a function word ("Since October"), holds a month or weekday, follows a
    preposition of place ("to San Diego") or a possessive ("Washington's Reagan Airport")."""
    out: list[Mention] = []
    wd, low = doc.words, doc.lower
    lex = words("organization_words") | words("media_words")
    for p_start, p_end in doc.body:
        i, n = doc.token_at(p_start), doc.token_before(p_end) + 1
        while i < n:
            if not (wd[i][:1].isupper() and wd[i].isalpha()) or low[i] in NOT_A_NAME_START:
                i += 1
                continue
            j = i
            while (
                j < n
                and j - i < 5
                and (
                    (wd[j][:1].isupper() and NAME_PUNCT_RE.sub("", wd[j]).isalpha())
                    or (wd[j] == "." and _initial(doc, j - 1))
                )
            ):
                j += 1
            prev = low[i - 1] if i > 0 else ""
            after_prep = prev in NOT_BEFORE_PERSON or (
                prev in PLACE_PREPOSITIONS and not (i > 1 and low[i - 2] == "according")
            )
            owned = i > 0 and _cap(wd[i - 1]) and prev.endswith(("'s", "’s"))
            if (
                j - i >= 2
                and low[i] not in TOPONYM_FIRST
                and not after_prep
                and not owned
                and not any(w.lower() in lex or w.lower() in CALENDAR for w in wd[i:j])
                and "I" not in wd[i:j]
            ):
                m = describe(doc, i, j)
                if m is not None and m.kind == "person" and not m.descriptive:
                    if j + 1 < n and wd[j] == ",":
                        e = j + 1
                        while e < n and e - j < 20 and wd[e] not in {",", ".", ";", "“", "”", '"'}:
                            e += 1
                        first = low[j + 1]
                        if first in {"a", "an", "the"} or _title_at(low, j + 1):
                            role, aff = split_role(doc, j + 1, e)
                            if role and any(_title_at(low, t) for t in range(j + 1, e)):
                                m = Mention(m.span, m.text, m.name, m.kind, role, aff)
                                j = e
                    out.append(m)
            i = max(j, i + 1)
    return out
