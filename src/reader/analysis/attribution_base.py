"""Attribution, shared part: the unresolved statement (`Raw`), word lists and the helpers that
the direct-quotation and reported-speech passes both use (sentence bounds, overlap with
quotations already attributed, adding a reported statement)."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from reader.analysis.clause_subjects import main_clause_start
from reader.analysis.cues import Cue
from reader.analysis.doc import ABBREVIATIONS, Doc
from reader.analysis.group_subjects import group_subject
from reader.analysis.lexicons import words
from reader.analysis.mentions import Mention, describe, is_boundary, split_role
from reader.analysis.model import Span
from reader.analysis.quotes import Quotation

QUOTE_MARKS = frozenset('"“”«»„')
OPEN_MARKS = frozenset('"“«„')
CLAUSE_OPENERS = frozenset({",", "and", "but", "however", "meanwhile", "also", "yet"})
ADVERBIAL_AFTER_CUE = frozenset(
    [
        "on",
        "in",
        "at",
        "during",
        "last",
        "this",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "recently",
        "also",
        "again",
        "repeatedly",
        "publicly",
        "privately",
        "previously",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
BEFORE_QUOTE_OK = ADVERBIAL_AFTER_CUE | {"to", "via", "from", "through", "with", "after", "of"}
MIN_SCARE_WORDS = 5
# words after a naming verb's quotation that carry its predicate on (`called the pact “a step
# forward” for the region`); "in" and "on" are left out: `called it “a disaster” in an interview`,
# `… on his radio show`, `… on Monday` belong to the tag
PREDICATE_PREPOSITIONS = frozenset({"for", "about", "because", "amid", "amidst", "over"})
SPEAKER_PRONOUNS = frozenset({"i", "we", "you"})
QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who", "about"})
CLOSING_MARKS = frozenset({"”", '"', "»", "’"})
DASHES = frozenset({"—", "–", "―", "-"})
SUBORDINATORS = frozenset({"while", "although", "though", "if", "when", "because", "since", "as"})
# time phrases between a cue and what it reports ("said on Monday that …")
TIME_AFTER_CUE = (
    words("weekdays") | words("time_words") | frozenset({"recently", "previously", "weekend"})
)
MAX_QUOTE_REACH = 20000  # longest statement span looked back over when testing overlaps
LOOKBACK_PARAGRAPHS = 1
NESTED = False
COORDINATED_SUBJECT = True
CLAUSE_BREAKS = frozenset(
    [
        "while",
        "although",
        "though",
        "whereas",
        "which",
        "who",
        "whom",
        "often",
    ]
)
INTERJECTED = frozenset({"however", "though", "too", "also", "again", "instead", "meanwhile"})
RELATIVES = frozenset({"who", "which", "whose", "whom", "where", "when"})
# words that end the object of a stance verb ("endorsed Roe last week", "defended the plan
# on Monday"): a time follows the object
ATTITUDE_STOPS = TIME_AFTER_CUE | words("months") | frozenset({"earlier", "amid"})
MAX_GROUP_REACH = 10  # tokens from a sentence's start to the verb after its group subject
# words that join a sentence to the one before without saying anything themselves
CONNECTIVES = frozenset({"but", "and", "yet", "so", "still", "now", "then", "as", "or", "also"})
# words before the name a colon credits ("a column by Jane Roe:", "HEADLINE - Jane Roe:")
CREDIT_WORDS = frozenset({"by", "from", "—", "–", "-"})
NAME_JOINERS = frozenset({"and", "’s", "'s", "of", "the", "."})
PREPOSITIONS = frozenset({"by", "in", "at", "of", "on", "to", "for", "with", "from", "after"})
# prepositions that make the words after a reporting verb an adjunct, not a reported clause
GOVERNED_PREPOSITIONS = frozenset({"from", "about", "with"})
TIME_LEADS = frozenset({"on", "in", "at", "last", "this", "early", "late", "next", "that"})


@dataclass
class Raw:
    """A statement before sources are resolved."""

    content: tuple[Span, ...]
    kind: str
    mention: Mention
    cue: Cue | None
    continues: int | None = None  # index of the Raw it continues


def n_words(doc: Doc, span: Span) -> int:
    return doc.token_before(span[1]) - doc.token_at(span[0]) + 1


def sentence_end_token(doc: Doc, k: int, limit: int) -> int:
    """First token index >= k that ends the sentence (a full stop, ? or !), or `limit`."""
    j = k
    while j < limit:
        w = doc.words[j]
        if w in {".", "!", "?"} and not (w == "." and j and abbreviation(doc.words[j - 1])):
            return j
        j += 1
    return limit


def abbreviation(word: str) -> bool:
    """A word a full stop follows without ending the sentence: "Gov.", or an initial ("George
    W. Bush"), as the sentence splitter (doc.py) reads them."""
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def trim(doc: Doc, s: int, e: int) -> Span | None:
    text = doc.text
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:—–-"):
        e -= 1
    return (s, e) if e - s > 1 else None


# in a subject, a clause and not a name: "said the videos", "a poll shows 68% of voters"
SAID_FORMS = frozenset({"said", "says", "told", "tells", "shows", "showed", "found", "finds"})
SAID_AFTER = frozenset({"that", "which", "who"})  # "a poll that shows": a relative clause
COMPARISONS = frozenset({"like", "unlike"})  # "X, like Lee, said": an aside, not the subject


class AttributorBase:
    """State shared by the attribution passes and the helpers they all use."""

    def __init__(self, doc: Doc, quotes: tuple[Quotation, ...], cues: tuple[Cue, ...]):
        self.doc = doc
        self.quotes = quotes
        self.cues = cues
        self.cue_at = {c.token: c for c in cues}
        self.quote_starts = [q.span[0] for q in quotes]
        self.cue_words = {doc.lower[c.token] for c in cues}
        self.used: set[int] = set()
        self.out: list[Raw] = []
        self.direct_spans: list[Span] = []  # set by the direct pass
        self.direct_starts: list[int] = []
        self.cue_index: list[tuple[int, int]] = []  # (cue token, raw index), kept sorted

    # -- helpers ---------------------------------------------------------------------------
    def para_bounds(self, offset: int) -> tuple[int, int]:
        """Token range of the body paragraph holding `offset`."""
        p = self.doc.paragraph_of(offset)
        if p < 0:
            return (0, 0)
        s, e = self.doc.body[p]
        return self.doc.token_at(s), self.doc.token_before(e) + 1

    def sent_tokens(self, offset: int) -> tuple[int, int]:
        sent = self.doc.sentence_of(offset)
        if sent is None:
            return self.para_bounds(offset)
        return self.doc.token_at(sent[0]), self.doc.token_before(sent[1]) + 1

    def starts_sentence(self, offset: int) -> bool:
        """True when only a sentence end (or a paragraph start) precedes `offset`."""
        doc = self.doc
        j = doc.token_before(offset)
        p = doc.paragraph_of(offset)
        if p < 0 or j < 0 or doc.starts[j] < doc.body[p][0]:
            return True
        while j >= 0 and doc.words[j] in QUOTE_MARKS | {"'", "’", ")"}:
            j -= 1
        return j >= 0 and doc.words[j] in {".", "!", "?", ":"}

    def _near_direct(self, span: Span) -> list[Span]:
        """Direct spans that may overlap `span` (they are sorted and rarely nested)."""
        k = bisect_left(self.direct_starts, span[1])
        out = []
        j = k - 1
        while j >= 0 and self.direct_spans[j][0] >= span[0] - MAX_QUOTE_REACH:
            out.append(self.direct_spans[j])
            j -= 1
        return out

    def inside_direct(self, span: Span) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in self._near_direct(span))

    def overlaps_direct(self, span: Span) -> bool:
        return any(s < span[1] and span[0] < e for s, e in self._near_direct(span))

    def clause_end(self, k: int, s_end: int) -> int:
        """Token where reported content starting at `k` ends: the sentence end, a semicolon,
        or a comma before a coordinated reporting verb."""
        doc = self.doc
        j = k
        while j < s_end:
            w = doc.words[j]
            if w == ";":
                return j
            if w in CLOSING_MARKS and j + 1 < s_end and j > k:
                nw = doc.lower[j + 1]
                after_comma = doc.words[j - 1] == ","
                if after_comma and (nw in CLAUSE_BREAKS or nw in self.cue_words):
                    return j + 1  # `“…,” referring to …`: the quotation closes the clause
            if w == "," and j + 1 < s_end:
                nw = doc.lower[j + 1]
                if nw in {"a", "an"} and any(doc.words[t] in CLOSING_MARKS for t in range(k, j)):
                    return j  # `would “not be sold” at any price, a swipe at …`: the writer's gloss
                if nw in CLAUSE_BREAKS or (nw.endswith("ing") and nw in self.cue_words):
                    return j
                nxt = j + 1 + (doc.lower[j + 1] in {"and", "but"})
                c = self.cue_at.get(nxt)
                if c is not None and c.kind == "verb":
                    return j
                if nxt > j + 1:
                    # ", and other leaders said …": a new speaker's clause begins
                    for t in range(nxt, min(s_end, nxt + 7)):
                        if not doc.words[t][:1].isalnum():
                            break
                        c = self.cue_at.get(t)
                        if c is not None and c.kind == "verb" and t > nxt:
                            return j
            elif w in {"and", "but"} and j > k:
                c = self.cue_at.get(j + 1)
                if c is not None and c.kind == "verb":
                    return j
            j += 1
        return s_end

    def add(self, content: Span | None, m: Mention, cue: Cue) -> None:
        if content is None or m is None:
            return
        k = bisect_left(self.quote_starts, content[1]) - 1
        if k >= 0 and self.quotes[k].span[0] >= content[0] and self.quotes[k].span[1] > content[1]:
            content = (content[0], self.quotes[k].span[1])  # a quotation opened is carried on
        quoted = any(self.doc.text[i] in QUOTE_MARKS for i in range(content[0], content[1]))
        if cue.quote_only and (self.doc.text[content[0]] in QUOTE_MARKS or not quoted):
            return  # "a group called “X”" names, it does not quote
        if cue.quote_only:
            content = self.quoted_end(content)
        asks = cue.question and self.doc.text[content[0] : content[1]].split(" ", 1)[0].lower()
        if (
            cue.direct_only
            and not quoted
            and asks not in QUESTION_WORDS
            and not self.that_after(cue)
        ):
            return  # "asked whether …" reports a question; "asked for help" does not
        if cue.belief and (
            m.text.lower() in SPEAKER_PRONOUNS
            or any(r.content[0][0] <= cue.span[0] < r.content[-1][1] for r in self.out[-3:])
        ):
            return  # "I think …" is quoted elsewhere; "he said X hopes …" is what he said
        if self.prepositional(content, cue):
            return  # "reported from Kyiv", "added to his lead": the verb in another sense
        if cue.document_only and m.kind != "document":
            return  # "police found the car": only a study, report or record "finds"
        ws = m.text.lower().split()
        if any(w in SAID_FORMS and ws[i - 1] not in SAID_AFTER for i, w in enumerate(ws)):
            return  # "Roe said the videos show …", "a poll shows 68% of voters say …": the cue
            # is inside what Roe said or the poll shows (but "a poll that shows …" names it)
        nested = NESTED and self.inside_direct(content) and self.inside_direct(m.span)
        if self.overlaps_direct(content) and not nested:
            later = [s for s, _e in self._near_direct(content) if s > content[0] + 1]
            if not later or self.inside_direct(content):
                return
            content = trim(self.doc, content[0], min(later))  # stop where a quotation starts
            if content is None or self.overlaps_direct(content) or n_words(self.doc, content) < 3:
                return
        doc = self.doc
        kind = "indirect"
        if any(doc.text[i] in QUOTE_MARKS for i in range(content[0], content[1])):
            kind = "mixed"
        self.used.add(cue.token)
        insort(self.cue_index, (cue.token, len(self.out)))
        self.out.append(Raw((content,), kind, m, cue))

    def quoted_end(self, content: Span) -> Span:
        """`called Roe the “worst mayor,” linking to …`: what a naming verb (called, described,
        dubbed) reports ends with the quotation that names; the words after it are the
        writer's."""
        k = bisect_left(self.quote_starts, content[1]) - 1
        if k < 0 or self.quotes[k].span[0] < content[0]:
            return content
        q = self.quotes[k]
        doc = self.doc
        t = doc.token_at(q.span[1])
        if (
            doc.text[q.inner[0] : q.inner[1]].rstrip()[-1:] not in {",", ".", "!", "?"}
            and t < len(doc.words)
            and doc.lower[t] in PREDICATE_PREPOSITIONS
        ):
            return content  # `called the pact “a step forward” for the region`
        return (content[0], min(content[1], q.span[1]))

    def prepositional(self, content: Span, cue: Cue) -> bool:
        """Content right after the verb opens with a preposition the verb governs ("reported
        from Kyiv", "said about the plan", "added to his lead"): no reported clause follows.
        An infinitive after a verb of promising or urging ("vowed to fight") is content."""
        doc = self.doc
        k = cue.end_token
        if cue.kind != "verb" or k >= len(doc.words) or doc.starts[k] != content[0]:
            return False
        first = doc.lower[k]
        if first == "to":
            return cue.lemma not in words("commissive_verbs")
        return first in GOVERNED_PREPOSITIONS

    def attitude_end(self, k: int, end: int) -> int:
        """Token ending the object of a stance verb whose content opens at `k`: the first
        time word, circumstance or punctuation after it, else `end`."""
        doc = self.doc
        for t in range(k + 1, end):
            if doc.lower[t] in ATTITUDE_STOPS or doc.words[t] in {",", "—", "–", "(", ":"}:
                while t - 1 > k and doc.lower[t - 1] in TIME_LEADS:
                    t -= 1  # "… on Monday", "… last week"
                return t
        return end

    def that_after(self, cue: Cue) -> bool:
        """`wrote that …`, `replied that …`: "that" right after a verb that otherwise cues only
        quotations makes what follows reported speech."""
        k = cue.end_token
        return k < len(self.doc.words) and self.doc.lower[k] == "that"

    def written_before(self, c: int, floor: int) -> int | None:
        """`… released a statement Wednesday saying …`: a written piece (and a time) stands
        right before the participle at `c`, which then reports for whoever released it. The
        token of the verb that released it ("released"), or None."""
        doc = self.doc
        j = c - 1
        while j > floor and doc.lower[j] in TIME_AFTER_CUE:
            j -= 1
        if j <= floor or doc.lower[j] not in words("written_pieces"):
            return None
        j -= 1
        while j > floor and doc.words[j].isalpha() and doc.words[j].islower() and c - j < 8:
            if doc.lower[j] in {"a", "an", "the", "its", "his", "her", "their"}:
                return j - 1 if doc.words[j - 1].isalpha() else None
            j -= 1
        return None

    def only_connective(self, start: int, end: int) -> bool:
        """Tokens `start`..`end` (exclusive) are only a connective and commas ("But", "And
        yet", "But, as"), no words of a reported clause."""
        doc = self.doc
        words_ = [doc.lower[t] for t in range(start, end) if doc.words[t] != ","]
        return 0 < len(words_) <= 3 and all(w in CONNECTIVES for w in words_)

    def credited(self, floor: int, colon: int) -> Mention | None:
        """`A new column by Jane Roe:`, `More from the Daily Post:`, `HEADLINE - Jane Roe:`:
        the name credited right before a colon introduces the quotation after it."""
        doc = self.doc
        for t in range(colon - 1, max(floor, colon - 8) - 1, -1):
            if doc.lower[t] in CREDIT_WORDS:
                if t + 1 >= colon:
                    return None
                if not all(
                    doc.words[x][:1].isupper() or doc.lower[x] in NAME_JOINERS
                    for x in range(t + 1, colon)
                ):
                    return None
                m = describe(doc, t + 1, colon)
                if m is None or m.pronoun or m.descriptive:
                    return None
                return m if m.kind in {"person", "media", "organization"} else None
        return None

    def opening_subject(self, s_start: int, c: int) -> Mention | None:
        """The noun phrase opening a sentence (after an adverbial and its comma), which a
        participle such as "saying" or "telling" takes as its speaker."""
        doc = self.doc
        start = main_clause_start(doc, s_start, c)  # past a dateline, "Yet", "Amid …,"
        if start is None:
            return None
        if start > s_start and doc.words[start - 1] == ",":  # past "In May,": the subject
            return self.noun_phrase_at(start, c) or self.opening_group(start, c)
        s_start = start
        commas = [j for j in range(s_start, min(c, s_start + 8)) if doc.words[j] == ","]
        if commas and commas[0] - s_start <= 5 and doc.lower[s_start] not in {"the", "a", "an"}:
            # "In May, X said …, saying": past the adverbial; but in "Roe sent her thanks,
            # telling her …" the words before the comma are the clause, and its subject speaks
            for comma in commas:  # "On July 6, 2015, X said": past the last comma of a date
                if doc.lower[comma + 1] in COMPARISONS and comma > s_start:
                    break  # "X, like Lee, has said": X, compared with Lee, is the subject
                m = self.noun_phrase_at(comma + 1, c)
                if m is not None and doc.lower[comma + 1] not in COMPARISONS:
                    return m  # past "And, like Lee,": the subject after the comparison
            m = self.noun_phrase_at(s_start, c)
            after = doc.token_at(m.span[1]) if m is not None else c
            if m is None or m.descriptive or doc.lower[after] in PREPOSITIONS:
                return None  # "Chastened by the loss, …", "Once in my twenties, …"
            return m
        return self.noun_phrase_at(s_start, c) or self.opening_group(s_start, c)

    def opening_group(self, s_start: int, c: int) -> Mention | None:
        """A group opening the sentence ("The families of the founders had mobilized,
        warning …"): the longest plural phrase before one of the next words."""
        for j in range(min(c, s_start + MAX_GROUP_REACH), s_start, -1):
            if self.doc.words[j].isalpha() and self.doc.words[j].islower():
                m = group_subject(self.doc, j, s_start)
                if m is not None:
                    return m
        return None

    def noun_phrase_at(self, start: int, c: int) -> Mention | None:
        """The longest mention opening at token `start`, before token `c`."""
        doc = self.doc
        e = start
        while e < c and e - start < 8 and not is_boundary(doc, e):
            e += 1
        m = describe(doc, start, e) if e > start else None
        while m is None and e > start + 1:
            e -= 1
            m = describe(doc, start, e)
        return m

    def sentence_subject(self, s_start: int, c: int) -> Mention | None:
        """A sentence opening "THE ROLE OF X, NAME, …" whose verb comes late (past an opening
        adverbial: "In a statement, the family's lawyer, Jon Roe, said …")."""
        doc = self.doc
        start = main_clause_start(doc, s_start, c)
        if start is not None and start > s_start and doc.words[start - 1] == ",":
            s_start = start
        commas = [j for j in range(s_start, c) if doc.words[j] == ","][:2]
        if len(commas) < 2 or commas[0] - s_start > 10 or commas[1] - commas[0] > 12:
            return None
        end = commas[1]
        if end - commas[0] > 6:  # "…, Jon Roe of the Harbor Church in Marston, said": the name
            end = next((t for t in range(commas[0] + 2, end) if doc.lower[t] == "of"), end)
            if end - commas[0] > 6:
                return None
        name = describe(doc, commas[0] + 1, end)
        if name is None or name.kind != "person" or name.descriptive or name.pronoun:
            return None
        role, aff = split_role(doc, s_start, commas[0])
        return Mention(name.span, name.text, name.name, "person", role, aff)
