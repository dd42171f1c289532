"""What kind of speaker a noun phrase names: a person (with a role), an organisation, an
outlet, a document, an anonymous group, or nothing that speaks at all (a place word, an
adjective, a possessive)."""

from __future__ import annotations

import re

from reader.analysis.doc import Doc
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.name_kinds import is_common_word, is_given_name, is_place, name_kind
from reader.analysis.names import (
    CALENDAR,
    LEADING_DETS,
    NOT_A_NAME_START,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    RUN_JOINERS,
    SUBJECT_PRONOUNS,
    THING_PRONOUNS,
    TIME_WORDS,
    TRAILING_DROP,
    Mention,
    cap,
    lexicon_union,
    run_start,
    text_of,
)
from reader.analysis.roles import split_role, title_and_affiliation, title_at

# a pronoun written together with its auxiliary: "he’s", "they're", "we’ve"
CONTRACTED = re.compile(r"^([a-z]+)[’'](?:s|re|ve)$")
NAME_PARTICLES = frozenset({"van", "von", "der", "de", "du", "la", "al", "bin"})
CONTRACTIONS = ("’ll", "'ll", "’re", "'re", "’ve", "'ve", "’d", "'d", "’m", "'m")
NOT_VERBS = frozenset({"based", "owned", "led", "backed", "funded", "linked", "affiliated"})
DEMONYM_ENDINGS = ("ian", "ese", "ish")

STUDY_WORDS = frozenset(
    {"new", "research", "peer-reviewed", "scientific", "academic", "working", "white", "recent"}
)

COMPASS = frozenset({"north", "south", "east", "west"})  # "the North said": a state
COLLEAGUES = words("colleague_words")
POSTMODIFIERS = frozenset(
    {"familiar", "close", "briefed", "involved", "knowledgeable", "aware", "informed", "speaking"}
)


def _learned_kind(name_words: list[str]) -> str:
    """A capitalised name no word list placed: a person unless the learned model is confident
    it names an organisation or a place (a place speaking stands for its government)."""
    kind = name_kind(name_words)
    return "organization" if kind in {"organization", "location"} else "person"


def _person_before(doc: Doc, a: int, j: int) -> bool:
    """The capitalised words before "of" at j name a person ("Jane Roe of the Institute"):
    their first word is a given name, or the model knows the whole as a person's."""
    r = run_start(doc, a, j)
    ws = doc.words[r:j]
    if len(ws) < 2 or not all(w.isalpha() or w in {".", "-"} for w in ws):
        return False  # "Friends of the Earth", "Bank of America": one word before "of"
    if is_given_name(ws[0]):
        return True
    last = ws[-1].lower()
    nouns = lexicon_union("organization_words", "titles", "media_words")
    return last not in nouns and not is_place(" ".join(ws)) and name_kind(ws) != "organization"


def _particle(doc: Doc, r: int, end: int) -> bool:
    """A capitalised particle opening a surname ("Van Der Beek", "De Luca"), not a joiner."""
    return cap(doc.words[r]) and doc.lower[r] in NAME_PARTICLES and r + 1 < end


def _no_speaker(doc: Doc, a: int, b: int) -> bool:
    """Phrases that name no one: a contraction ("We’ll start by …"), a phrase opening with a
    preposition ("of the region's critics"), a date, a participle or adverb opening a sentence
    ("Speaking", "Hastily"), a dateline ("WASHINGTON –")."""
    low, wd = doc.lower, doc.words
    if any(w.endswith(CONTRACTIONS) for w in low[a:b]) or low[a] in PREPOSITIONS:
        return True
    content = [w for w in low[a:b] if w[:1].isalnum()]
    dates = TIME_WORDS | CALENDAR | words("month_abbreviations")
    if content and all(w in dates or w.isdigit() for w in content):
        return True  # "on Saturday", "Dec. 6": a date
    named = a + 1 < b and (cap(wd[a + 1]) or low[a + 1] in RUN_JOINERS)  # "Keeping the Peace"
    if low[a].endswith(("ing", "ly", "ed")) and cap(wd[a]) and not named:
        return is_common_word(wd[a])  # "Speaking at a rally, …", "Hastily politicizing …"
    return (
        b - a == 1
        and len(wd[a]) >= 4
        and wd[a].isupper()
        and b < len(wd)
        and wd[b] in {"–", "—", "-"}
    )


def _shown_above(doc: Doc, a: int, b: int) -> Mention | None:
    """ "the tweet shown above": the noun phrase before a participle and an adverb speaks, and
    keeps them in its name."""
    if b - a < 3:
        return None
    if doc.lower[b - 2] not in words("shown_participles"):
        return None
    if doc.lower[b - 1] not in words("shown_adverbs"):
        return None
    head = describe(doc, a, b - 2)
    if head is None or head.pronoun or head.kind == "person":
        return None
    text = text_of(doc, a, b)
    name = text_of(doc, doc.token_at(head.span[0]) + (doc.lower[a] in LEADING_DETS), b)
    return Mention((doc.starts[a], doc.ends[b - 1]), text, name, head.kind)


def _name_then_verb(doc: Doc, a: int, b: int) -> int | None:
    """End of a name opening the phrase and followed by a verb ("Jane Roe revealed the news",
    "Jane Roe issued a statement"): the name is who speaks, not the news or the statement."""
    wd, low = doc.words, doc.lower
    k = a
    while k < b and cap(wd[k]) and wd[k][:1].isalpha():
        k += 1
    if k == a or k >= b or not wd[k][:1].islower():
        return None
    if k == a + 1 and (low[a] in words("quantifiers") or low[a] in LEADING_DETS):
        return None  # "Some reports", "Many claims": a quantifier and a noun, no name
    w = low[k]
    is_verb = w in reporting_verbs() or (w.endswith("ed") and len(w) > 4 and w not in NOT_VERBS)
    return k if is_verb else None


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
    return Mention(span, text_of(doc, a, b), m.name, "person", m.role, m.affiliation, group=True)


def describe(
    doc: Doc, a: int, b: int, *, loose: bool = False, pronouns: frozenset[str] = SUBJECT_PRONOUNS
) -> Mention | None:
    """Read tokens [a, b) as a mention of a speaker, or None when they are not one. `loose`
    accepts any short noun phrase (in the slot next to a quotation's cue, where only a speaker
    fits); `pronouns` are those allowed to stand alone."""
    low, wd = doc.lower, doc.words
    while b > a and low[b - 1] in TRAILING_DROP:
        b -= 1
    if b - 2 > a and wd[b - 1] == "." and low[b - 2] in {"jr", "sr"}:
        b -= 1  # "said Robert Casey Jr.": the full stop closes the suffix, not the name
    if b <= a or b - a > 16:
        return None
    span = (doc.starts[a], doc.ends[b - 1])
    contracted = CONTRACTED.match(low[a]) if b - a == 1 else None
    if contracted is not None and contracted.group(1) in PRONOUNS:
        # "He’s predicting …", "They've said …": the pronoun, without its auxiliary
        pron = contracted.group(1)
        if pron not in pronouns:
            return None
        kind = "person" if pron in PERSON_PRONOUNS else "anonymous"
        kind = "organization" if pron in THING_PRONOUNS else kind
        w = wd[a][: len(pron)]
        return Mention((span[0], span[0] + len(pron)), w, w, kind, pronoun=True)
    if b - a == 1 and low[a] in PRONOUNS:
        if low[a] not in pronouns:
            return None
        kind = "person" if low[a] in PERSON_PRONOUNS else "anonymous"
        kind = "organization" if low[a] in THING_PRONOUNS else kind
        return Mention(span, wd[a], wd[a], kind, pronoun=True)
    if _no_speaker(doc, a, b):
        return None
    shown = _shown_above(doc, a, b)
    if shown is not None:
        return shown
    verb = next((j for j in range(a + 1, b) if low[j] in words("past_verbs")), None)
    if verb is not None:
        b = verb  # "some of the mayor's critics took to …": the subject ends at its verb
    v = _name_then_verb(doc, a, b)
    if v is not None:
        return describe(doc, a, v, pronouns=pronouns)  # "Jane Roe issued a statement"
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
    text = text_of(doc, full_a, b)
    # split a trailing prepositional phrase: "sources among Ukrainian border forces"
    for j in range(a + 2, b - 1):
        if low[j] == "by" and low[j - 1].endswith("ed"):
            b = j - 1  # "witness statements obtained by The Post": the statements speak
            break
    head_end, pp = b, None
    for j in range(a + 1, b - 1):
        if low[j] == "to" and title_at(low, j - 1) and is_place(text_of(doc, j + 1, b)):
            head_end, pp = j, (j + 1, b)  # "the ambassador to Norway", no name after it
            break
        if low[j] in PREPOSITIONS:
            if (
                cap(wd[j - 1])
                and low[j] in {"of", "for"}
                and (cap(wd[j + 1]) or (low[j + 1] == "the" and j + 2 < b and cap(wd[j + 2])))
                and not _person_before(doc, a, j)
            ):
                continue  # "Ministry of Defense", "Center for Policy", "Friends of the Earth"
            head_end, pp = j, (j + 1, b)
            break
    if pp is not None and all(
        w in TIME_WORDS or w in CALENDAR or w.isdigit() for w in low[pp[0] : pp[1]]
    ):
        pp, b = None, head_end  # "Harbor on Tuesday": a date, not where Harbor belongs
    # proper-name run at the end of the head
    r = run_start(doc, a, head_end)
    while r < head_end and (
        (low[r] in RUN_JOINERS and not _particle(doc, r, head_end)) or title_at(low, r)
    ):
        r += title_at(low, r) or 1
        if r < head_end and wd[r] == ".":
            r += 1
    titled_role = None
    inner_title = next(
        (t for t in range(head_end - 2, r, -1) if title_at(low, t) and cap(wd[t])), None
    )
    titled_aff = None
    if inner_title is not None:
        # "Patrol Chief James Hall", "Teachers Association President Jane Roe": the title
        # and what qualifies it, then the name
        n = inner_title + title_at(low, inner_title)
        if n < head_end and wd[n] == ".":
            n += 1
        if (
            n < head_end
            and all(cap(w) or w == "." for w in wd[n:head_end])
            and not any(low[t] in words("organization_words") for t in range(n, head_end))
        ):
            titled_role, titled_aff = title_and_affiliation(doc, r, n)
            r = n
    lex_media, lex_org = words("media_words"), words("organization_words")
    lex_anon, lex_doc, lex_titles = (
        words("anonymous_words"),
        words("document_words"),
        words("titles"),
    )
    lex_gov = words("government_places")
    role = affiliation = None
    if (
        r == a
        and head_end - r == 1
        and (
            low[r] in lex_anon
            or low[r] in lex_doc
            or low[r] in lex_org
            or low[r] in lex_titles
            or (low[r].endswith("s") and low[r][:-1] in lex_titles)  # "Doctors said"
            or low[r] in lex_gov
        )
    ):
        r = head_end  # "Officials said": a capital only because the sentence starts there
    place_before = None
    if r < head_end and not is_place(text_of(doc, r, head_end)):
        k = next(
            (k for k in (1, 2) if r + k + 2 <= head_end and is_place(text_of(doc, r, r + k))), 0
        )
        rest = wd[r + k : head_end]
        if k and len(rest) >= 2 and all(cap(w) for w in rest):
            place_before = text_of(doc, r, r + k)  # "ambassador to Britain Jane Roe"
            r += k
    if r < head_end:
        name = text_of(doc, r, head_end)
        name_low = [w for w in low[r:head_end] if w.isalnum() or "." in w]
        pre = (a, r)
        if len(name_low) == 1 and name_low[0].endswith(DEMONYM_ENDINGS) and r == a:
            return None  # "Belarusian" alone is an adjective, not a speaker
        official = r > a and low[r - 1] == "official" and len(name_low) == 1
        if is_place(name) or official or (len(name_low) == 1 and name_low[0] in COMPASS):
            kind = "organization"
            name = text_of(doc, a, head_end)  # "official Minsk": the state, by its capital
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
            kind = _learned_kind(wd[r:head_end])
        if pre[1] > pre[0]:
            head = low[pre[1] - 1]
            if kind == "person" and (head in lex_org or head in lex_media):
                kind = "organization" if head in lex_org else "media"
            if kind == "person":
                role, affiliation = split_role(doc, *pre)
                if affiliation is None and role and not any(title_at(low, j) for j in range(*pre)):
                    role = None
                if titled_role:
                    role, affiliation = titled_role, titled_aff
            else:
                role = text_of(doc, *pre)
        if pp and kind == "person":
            role2, aff2 = None, text_of(doc, *pp)
            role = role or role2
            affiliation = affiliation or aff2
        if kind != "person" and pp:
            name = text_of(doc, r, b)
        if kind == "person" and place_before and not affiliation:
            affiliation = place_before
        return Mention(span, text, name, kind, role, affiliation)
    head = low[head_end - 1]
    name = text_of(doc, a, b)
    shares = words("share_words")
    if pp is None and (head in shares or f"{low[head_end - 2]} {head}" in shares):
        return None  # "Fifty-one percent said": a poll's figure; "12 percent of farmers" speak
    if head in lex_anon:
        kind = "anonymous"
        if pp:
            affiliation = text_of(doc, *pp)
    elif head in lex_media:
        kind = "media"
        if head == "paper" and any(w in STUDY_WORDS for w in low[a : head_end - 1]):
            kind = "document"  # "the new peer-reviewed paper": a study, not a newspaper
    elif head in lex_org or (head in lex_gov and pp is None):
        kind = "organization"  # "the city said": its government
    elif head in lex_doc:
        kind = "document"
    elif head in lex_titles or title_at(low, head_end - 1):
        kind = "person"
        role, affiliation = split_role(doc, a, b)
        return Mention(span, text, name, kind, role, affiliation, descriptive=True)
    elif head.endswith("s") and head[:-1] in lex_titles:
        kind = "anonymous"  # "the lawyers said"
        if pp:
            affiliation = text_of(doc, *pp)
    elif loose and any(ch.isalpha() for ch in wd[head_end - 1]):
        kind = "other"
        if cap(wd[a]) and low[a].endswith(("'s", "’s")) and head_end - a > 1:
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
