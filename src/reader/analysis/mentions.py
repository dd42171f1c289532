"""Layer 4: mentions of who speaks: names, roles, organisations, media, anonymous groups,
pronouns. Noun phrases are read off the tokens next to a cue or a quotation: the subject left
of a cue, the phrase after an inverted cue, appositions, and the names in the body that
pronouns and descriptions may stand for. Names, kinds and roles live in `names`, `kinds` and
`roles`."""

from __future__ import annotations

from reader.analysis.doc import ABBREVIATIONS, Doc
from reader.analysis.kinds import describe, with_colleagues
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.names import (
    BOUNDARY_WORDS,
    CALENDAR,
    LEADING_DETS,
    NAME_JOINERS,
    NAME_PUNCT_RE,
    NOT_A_NAME_START,
    NOT_A_SUBJECT_START,
    NOT_BEFORE_PERSON,
    PERSON_PRONOUNS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    TOPONYM_FIRST,
    Mention,
    cap,
    initial,
    is_boundary,
    lexicon_union,
    text_of,
)
from reader.analysis.roles import (
    apposition_role,
    clean_role,
    represents_role,
    split_role,
    title_at,
)

__all__ = [
    "PERSON_PRONOUNS",
    "PRONOUNS",
    "Mention",
    "apposition_left",
    "describe",
    "is_boundary",
    "np_right",
    "person_candidates",
    "skip_back",
    "split_role",
    "subject_left",
]

SKIP_BEFORE_CUE = words("skip_before_cue")
RELATIVE_SUBJECTS = frozenset({"who", "which"})

RELATIVES_ALL = frozenset({"who", "which", "whose", "whom", "that"})
KIN_OWNERS = frozenset({"his", "her", "their", "its"})
MAX_NAME_RUN = 6  # capitalised words of a name before a relative clause's comma

BE_FORMS = frozenset({"is", "are", "was", "were", "am", "been", "be"})


def skip_back(doc: Doc, j: int, floor: int) -> int:
    """Step left over auxiliaries and adverbs standing between a subject and its verb."""
    while j >= floor:
        if doc.lower[j] in SKIP_BEFORE_CUE:
            j -= 1
        elif (
            doc.words[j] == ","
            and j - 2 >= floor
            and doc.lower[j - 1] in SKIP_BEFORE_CUE
            and doc.words[j - 2] == ","
        ):
            j -= 3  # "Governments have, however, recognized …": an adverb set off by commas
        else:
            break
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
            m, a = _name_before_comma(doc, j - 1, floor)
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
    if a < end and a - 2 >= floor and doc.lower[a - 1] == "to" and title_at(doc.lower, a - 2):
        j = a - 2  # "Mali's ambassador to Norway accused …": the ambassador, not Norway
        while j >= floor and end - j <= 16 and not is_boundary(doc, j):
            j -= 1
        a = j + 1
    if a < end and a - 2 >= floor and doc.lower[a - 1] == "and" and _and_in_name(doc, a, floor):
        j = a - 2  # "the Department of Health and Human Services said": one name
        while j >= floor and end - j <= 20 and not is_boundary(doc, j):
            j -= 1
        a = j + 1
    if a < end and a - 2 >= floor and doc.lower[a - 1] == "and" and title_at(doc.lower, a - 2):
        joint = _joint_titles(doc, a, end, floor)
        if joint is not None:
            return joint
    if a < end and a - 2 >= floor and doc.lower[a - 1] == "and":
        n = a - 1
        while n - 1 >= floor and a - n <= 5 and cap(doc.words[n - 1]):
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
            while r > a and cap(doc.words[r - 1]) and doc.words[r - 1].isalpha():
                r -= 1
            if r < end and r - a >= 2 and cap(doc.words[r]):
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


def _and_in_name(doc: Doc, a: int, floor: int) -> bool:
    """The "and" before token a joins two capitalised words inside an organisation's name
    ("Department of Health and Human Services"): an organisation word, "of", then a capital."""
    low, wd = doc.lower, doc.words
    if not (cap(wd[a]) and cap(wd[a - 2])):
        return False
    lo = max(floor, a - 7)
    of = next((t for t in range(a - 3, lo, -1) if low[t] in {"of", "for"}), None)
    return of is not None and low[of - 1] in words("organization_words")


def _joint_titles(doc: Doc, a: int, end: int, floor: int) -> tuple[Mention, int] | None:
    """ "chairman, CEO and president Jane Roe said": titles joined by "and" (and commas) before
    a name all belong to its role; the mention starts at the first of them."""
    low = doc.lower
    m = describe(doc, a, end)
    if m is None or m.kind != "person" or m.pronoun or m.descriptive:
        return None
    n = a - 2
    while n - 1 >= floor and a - n < 10:
        if title_at(low, n - 1) or low[n - 1] in words("role_modifiers"):
            n -= 1
        elif doc.words[n - 1] == "," and n - 2 >= floor and title_at(low, n - 2):
            n -= 2
        else:
            break
    at = doc.text.rfind(m.name, m.span[0], m.span[1])
    role = text_of(doc, n, doc.token_at(at)) if at >= 0 else m.role
    span = (doc.starts[n], m.span[1])
    return Mention(span, text_of(doc, n, end), m.name, "person", role, m.affiliation), n


def _name_before_comma(doc: Doc, comma: int, floor: int) -> tuple[Mention | None, int]:
    """`… to the United States, which accuses …`: the capitalised name (with its "the") just
    before the comma of a relative clause, when it names an organisation, outlet or state."""
    if comma <= floor or doc.words[comma] != ",":
        return None, comma
    j = comma - 1
    while j >= floor and comma - j <= MAX_NAME_RUN and (cap(doc.words[j]) or doc.words[j] == "."):
        j -= 1
    if j + 1 >= comma:
        return None, comma
    a = j if j >= floor and doc.lower[j] == "the" else j + 1
    m = describe(doc, a, comma)
    if m is None or m.pronoun or m.kind not in {"organization", "media"}:
        return None, comma
    return m, a


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
    if len(words_) < 2 or not all(cap(w) for w in words_):
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
    m, a = subject_left(doc, k, floor)
    rep = represents_role(doc, k, comma + 1)
    if m is not None and m.kind == "person" and not m.role and rep is not None:
        m = Mention(m.span, m.text, m.name, m.kind, "representative", rep[0], written=m.written)
    return m, a


def _described_organisation(
    doc: Doc, app: tuple[int, int], k: int, floor: int
) -> tuple[Mention, int] | None:
    """ "The company that runs the awards, Harbor Productions, denies …": the organisation
    named second, its description first (headed by an organisation word) as its role."""
    name = describe(doc, *app)
    if name is None or name.kind not in {"organization", "media"}:
        return None
    d = k - 1
    while d >= floor and k - d <= 10 and doc.words[d] not in {".", ";", ",", "“", "”", '"'}:
        d -= 1
    s = d + 1
    while s < k and doc.lower[s] in LEADING_DETS:
        s += 1
    if s >= k or doc.lower[s] not in lexicon_union("organization_words", "media_words"):
        return None
    return Mention(name.span, name.text, name.name, name.kind, text_of(doc, s, k)), d + 1


def _kin_before_name(doc: Doc, a: int, k: int, app: tuple[int, int]) -> Mention | None:
    """`his predecessor, Jane Roe, had said …`: a possessive and a common noun before a
    person's name between commas; the name speaks, the noun is her role."""
    a = next((t for t in range(max(a, k - 3), k - 1) if doc.lower[t] in KIN_OWNERS), -1)
    if a < 0:
        return None
    if not all(w.isalpha() and w.islower() for w in doc.words[a + 1 : k]):
        return None
    if doc.lower[k - 1] not in words("relation_nouns"):
        return None  # "her music, Big Machine,": a thing, not a person known through her
    name = describe(doc, app[0], app[1])
    if name is None or name.kind != "person" or name.descriptive or name.pronoun:
        return None
    role = text_of(doc, a + 1, k)
    return Mention(name.span, name.text, name.name, "person", role)


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
    if inner and len(inner) <= 6 and all(cap(w) or w in NAME_JOINERS for w in inner):
        org = _described_organisation(doc, app, k, floor)
        if org is not None:
            return org
        d = k - 1
        while d >= floor and k - d <= 8 and not is_boundary(doc, d):
            d -= 1
        kin = _kin_before_name(doc, d + 1, k, app)
        if kin is not None:
            return kin, doc.token_at(kin.span[0])
        if d + 1 < k and any(title_at(low, t) for t in range(d + 1, k)):
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
    if n_start >= n_end or not all(cap(w) or w in NAME_JOINERS or w in titles for w in name_words):
        return None, comma
    name = describe(doc, n_start, n_end)
    if name is None or name.kind != "person" or name.descriptive or name.pronoun:
        return None, comma
    titled = any(title_at(low, t) for t in range(*app))
    if not (low[app[0]] in LEADING_DETS or titled or not cap(doc.words[app[0]])):
        return None, comma
    role, aff = split_role(doc, *app)
    if all(w in SKIP_BEFORE_CUE or w in TIME_WORDS for w in low[app[0] : app[1]]):
        role = aff = None  # "Jane Roe, meanwhile, told …": an adverb, no role
    elif low[app[0]].endswith("ing") and low[app[0]] in reporting_verbs():
        role = aff = None  # "Roe, citing an official, said …": a participle clause, no role
    elif low[app[0]] in RELATIVES_ALL:
        # "Jane Roe, who was a top official at X, said": the role after "who was", if any
        role = aff = None
        if app[0] + 2 < app[1] and low[app[0] + 1] in BE_FORMS:
            r2, a2 = split_role(doc, app[0] + 2, app[1])
            if any(title_at(low, t) for t in range(app[0] + 2, app[1])):
                role, aff = r2, a2
    elif all(w.isdigit() or not w.isalnum() for w in doc.words[app[0] : app[1]]):
        role = aff = None  # "Jane Roe, 43, said": an age is no role
    elif cap(doc.words[app[0]]) and low[app[0]] not in LEADING_DETS:
        # "Color of Change's executive director": organisation first, title last
        t = next(t for t in range(app[1] - 1, app[0] - 1, -1) if title_at(low, t))
        role, aff = (
            text_of(doc, t, app[1]),
            text_of(doc, app[0], t).removesuffix("’s").removesuffix("'s"),
        )
        aff = aff.strip() or None
    return Mention(name.span, name.text, name.name, "person", role, aff), n_start


def np_right(doc: Doc, k: int, limit: int) -> Mention | None:
    """The subject after an inverted cue ("said Belarusian journalist Jane Doe, an analyst at
    X"): the phrase up to a comma or the sentence end, with an apposition after the comma."""
    if k < limit and doc.lower[k] in NOT_A_SUBJECT_START:
        return None  # "said in a statement", "said with a smile"
    j = k
    while j < limit and j - k < 12:
        if is_boundary(doc, j) and not _title_joint(doc, j, limit):
            break
        if doc.lower[j] in {"in", "on", "during", "at", "after", "before", "when"} and j > k:
            break
        j += 1
    if j == k:
        return None
    if "and" in doc.lower[k:j] and j - k > 2:
        m0 = _joint_titles(doc, doc.lower.index("and", k, j) + 1, j, k)
        if m0 is not None and m0[1] == k:
            return _with_apposition(doc, m0[0], j, limit)
    m = describe(doc, k, j, loose=True)
    if m is None:
        return None
    return _with_apposition(doc, m, j, limit)


def _title_joint(doc: Doc, j: int, limit: int) -> bool:
    """The "and" or comma at j joins two titles ("chairman and chief executive Jane Roe")."""
    low = doc.lower
    return (
        low[j] in {"and", ","}
        and j > 0
        and j + 1 < limit
        and title_at(low, j - 1) > 0
        and (title_at(low, j + 1) > 0 or low[j + 1] in words("role_modifiers"))
    )


def _with_apposition(doc: Doc, m: Mention, j: int, limit: int) -> Mention:
    """`m` with the role of an apposition after it ("…, a trader at X", "…, senior trader
    at X")."""
    if m.kind == "person" and not m.pronoun:
        role, aff, _ = apposition_role(doc, j, limit)
        if role:
            m = Mention(m.span, m.text, m.name, m.kind, role, aff)
    return m


def _noun_after_name(w: str) -> bool:
    """ "X Y sources", "X Y officials", "X Y reporter": a name standing before such a noun
    modifies it (an outlet's, a firm's or a place's name), it is no person."""
    nouns = lexicon_union("anonymous_words", "organization_words", "media_words")
    titles = words("titles")
    return w in nouns or w in titles or (w.endswith("s") and w[:-1] in titles)


def person_candidates(doc: Doc) -> list[Mention]:
    """Names of people anywhere in the body ("Maria Santos, a nurse at …"), with the role of
    an apposition that follows; antecedents for pronouns and descriptions. Only body
    paragraphs count (not headlines or related links), and a capitalised run is no name when
    it opens with a function word ("Since October"), holds a month or weekday, follows a
    preposition of place ("to San Diego") or a possessive ("Washington's Reagan Airport")."""
    out: list[Mention] = []
    wd, low = doc.words, doc.lower
    lex = lexicon_union("organization_words", "media_words")
    for p_start, p_end in doc.body:
        i, n = doc.token_at(p_start), doc.token_before(p_end) + 1
        while i < n:
            if not (wd[i][:1].isupper() and wd[i].isalpha()) or low[i] in NOT_A_NAME_START:
                i += 1
                continue
            # "Mr. Roe": an honorific and its dot open the name (NYT style: no first name)
            honorific = i + 2 < n and wd[i + 1] == "." and clean_role(wd[i] + ".") is None
            j = i + 2 if honorific and cap(wd[i + 2]) else i
            while (
                j < n
                and j - i < 5
                and (
                    (wd[j][:1].isupper() and NAME_PUNCT_RE.sub("", wd[j]).isalpha())
                    or (wd[j] == "." and initial(doc, j - 1))
                )
            ):
                j += 1
            prev = low[i - 1] if i > 0 else ""
            after_prep = prev in NOT_BEFORE_PERSON or (
                prev in PLACE_PREPOSITIONS and not (i > 1 and low[i - 2] == "according")
            )
            owned = i > 0 and cap(wd[i - 1]) and prev.endswith(("'s", "’s"))
            if (
                j - i >= 2
                and low[i] not in TOPONYM_FIRST
                and not after_prep
                and not owned
                and not any(w.lower() in lex or w.lower() in CALENDAR for w in wd[i:j])
                and "I" not in wd[i:j]
                and not (j < n and _noun_after_name(low[j]))
            ):
                m = describe(doc, i, j)
                if m is not None and m.kind == "person" and not m.descriptive:
                    if j + 1 < n and wd[j] == ",":
                        e = j + 1
                        while e < n and e - j < 20 and wd[e] not in {",", ".", ";", "“", "”", '"'}:
                            e += 1
                        first = low[j + 1]
                        if first in {"a", "an", "the"} or title_at(low, j + 1):
                            role, aff = split_role(doc, j + 1, e)
                            if role and any(title_at(low, t) for t in range(j + 1, e)):
                                m = Mention(m.span, m.text, m.name, m.kind, role, aff)
                                j = e
                    out.append(m)
            i = max(j, i + 1)
    return out
