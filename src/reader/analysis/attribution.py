"""Layer 5: tie quotations and reported clauses to the cue and the mention of who said them."""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from reader.analysis.cues import Cue
from reader.analysis.doc import ABBREVIATIONS, Doc
from reader.analysis.lexicons import words
from reader.analysis.mentions import (
    PRONOUNS,
    Mention,
    apposition_left,
    describe,
    is_boundary,
    np_right,
    skip_back,
    split_role,
    subject_left,
)
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
        "whose",
        "often",
        "even",
        "including",
    ]
)
INTERJECTED = frozenset({"however", "though", "too", "also", "again", "instead", "meanwhile"})
RELATIVES = frozenset({"who", "which", "whose", "whom", "where", "when"})


@dataclass
class Raw:
    """A statement before sources are resolved."""

    content: tuple[Span, ...]
    kind: str
    mention: Mention
    cue: Cue | None
    continues: int | None = None  # index of the Raw it continues


def _words(doc: Doc, span: Span) -> int:
    return doc.token_before(span[1]) - doc.token_at(span[0]) + 1


def _sentence_end_token(doc: Doc, k: int, limit: int) -> int:
    """First token index >= k that ends the sentence (a full stop, ? or !), or `limit`."""
    j = k
    while j < limit:
        w = doc.words[j]
        if w in {".", "!", "?"} and not (w == "." and j and doc.lower[j - 1] in ABBREVIATIONS):
            return j
        j += 1
    return limit


def _trim(doc: Doc, s: int, e: int) -> Span | None:
    text = doc.text
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:—–-"):
        e -= 1
    return (s, e) if e - s > 1 else None


class _Attributor:
    def __init__(self, doc: Doc, quotes: tuple[Quotation, ...], cues: tuple[Cue, ...]):
        self.doc = doc
        self.quotes = quotes
        self.cues = cues
        self.cue_at = {c.token: c for c in cues}
        self.quote_starts = [q.span[0] for q in quotes]
        self.cue_words = {doc.lower[c.token] for c in cues}
        self.used: set[int] = set()
        self.out: list[Raw] = []

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

    # -- direct quotations -----------------------------------------------------------------
    def signature(self, q: Quotation) -> Mention | None:
        """`“…” ― Jane Doe`: a name after a dash closing the paragraph signs the quotation."""
        doc = self.doc
        _, p_end = self.para_bounds(q.span[1] - 1)
        k = doc.token_at(q.span[1])
        if k >= p_end or doc.words[k] not in DASHES:
            return None
        e = k + 1
        while e < p_end and e - k <= 6 and doc.words[e] not in {".", ",", "/"} | DASHES:
            e += 1
        if e == k + 1 or (e < p_end and doc.words[e] not in {".", "/"} | DASHES):
            return None
        if not all(w[:1].isupper() for w in doc.words[k + 1 : e] if w[:1].isalnum()):
            return None
        m = describe(doc, k + 1, e)
        return m if m is not None and not m.pronoun and not m.descriptive else None

    def tail(self, q: Quotation) -> tuple[Mention, Cue] | None:
        """`“…,” X said` / `“…,” said X` / `“…,” X, ROLE, told Y`."""
        doc = self.doc
        j = doc.token_before(q.span[0])
        if (
            _words(doc, q.span) < 6
            and not self.starts_sentence(q.span[0])
            and doc.words[j] not in {",", ":", "—", "–", "("}
        ):
            return None  # a fragment quoted inside a sentence of the writer's
        _, p_end = self.para_bounds(q.span[1] - 1)
        k = doc.token_at(q.span[1])
        if k >= p_end:
            return None
        if doc.words[k] == ",":
            k += 1
        limit = k
        while limit < p_end and limit - k < 40 and doc.words[limit] not in OPEN_MARKS:
            w = doc.words[limit]
            if w in {".", "!", "?", ";"} and not (
                w == "." and doc.lower[limit - 1] in ABBREVIATIONS
            ):
                break
            limit += 1
        if limit <= k:
            return None
        if limit < p_end and doc.words[limit] in OPEN_MARKS:
            inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
            if inner[-1:] in {".", "!", "?"}:
                return None  # `“A.” He added, “B.”`: the cue introduces the next quote
        cue = self.cue_at.get(k)
        if cue is not None and cue.kind in {"verb", "according"} and cue.token not in self.used:
            m = np_right(doc, cue.end_token, limit)
            if m is not None:
                return m, cue
            return None
        c = next((j for j in range(k, limit) if j in self.cue_at), None)
        if c is None:
            return None
        cue = self.cue_at[c]
        if cue.kind != "verb" or c in self.used or cue.quote_only:
            return None
        j = skip_back(doc, c - 1, k)
        if j < k:
            return None
        if doc.words[j] == ",":
            m, a = apposition_left(doc, j, k)
            if m is not None and a == k:
                return m, cue
            return None
        if any(is_boundary(doc, t) for t in range(k, j + 1)):
            return None
        m = describe(doc, k, j + 1, loose=True)
        return (m, cue) if m is not None else None

    def before(self, q: Quotation) -> tuple[Mention, Cue | None] | None:
        """`X said: “…”` / `X told Y, “…”` / `X said that “…”`."""
        doc = self.doc
        p_start, _ = self.para_bounds(q.span[0])
        j = doc.token_before(q.span[0])
        if j < p_start:
            return None
        if doc.lower[j] == "that":
            return None  # `said that “…”`: reported speech with a quotation, read as mixed
        if doc.words[j] == ":" and j - 1 >= p_start and (j - 1) not in self.cue_at:
            m = self.speaker_label(j, p_start)
            if m is not None:
                return m, None
        if doc.words[j] in {":", ","}:
            j -= 1
        for c in range(j, max(p_start - 1, j - 7), -1):
            cue = self.cue_at.get(c)
            if cue is not None and cue.kind == "verb" and c not in self.used:
                if cue.quote_only:
                    return None
                between = range(cue.end_token, j + 1)
                if any(not doc.words[t][:1].isalnum() for t in between):
                    return None
                if cue.end_token <= j and doc.lower[cue.end_token] not in BEFORE_QUOTE_OK:
                    return None  # `said he was “happy”`: a quoted fragment of reported speech
                s_start, _ = self.sent_tokens(doc.starts[c])
                s_start = max(p_start, s_start)
                if doc.lower[c].endswith("ing"):
                    m = self.opening_subject(s_start, c)
                else:
                    m, _a = subject_left(doc, c, s_start, loose=True)
                return (m, cue) if m is not None else None
            if not doc.words[c][:1].isalnum() or doc.words[c] in QUOTE_MARKS:
                return None
        return None

    def speaker_label(self, colon: int, floor: int) -> Mention | None:
        """`Rep. Jane Doe (R-Ohio): “…”` — a name alone before a colon, transcript style."""
        doc = self.doc
        e = colon
        if doc.words[e - 1] == ")":
            k = e - 2
            while k >= floor and e - k <= 8 and doc.words[k] != "(":
                k -= 1
            e = k if k >= floor else e
        a = e
        while a - 1 >= floor and e - (a - 1) <= 8:
            w = doc.words[a - 1]
            if w in {".", "!", "?", "-", "—", "–", ":", ";", "”", '"'} and not (
                w == "." and doc.lower[a - 2] in ABBREVIATIONS
            ):
                break
            a -= 1
        if a >= e or not all(w[:1].isupper() or not w[:1].isalnum() for w in doc.words[a:e]):
            return None
        m = describe(doc, a, e)
        if m is None or m.pronoun or m.descriptive or m.kind == "document":
            return None
        return m

    def direct(self) -> None:
        doc = self.doc
        attributed: dict[int, int] = {}  # quote index -> raw index
        by_tail: dict[int, int] = {}
        for qi, q in enumerate(self.quotes):
            inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
            found: tuple[Mention, Cue | None] | None = None
            via_tail = False
            if inner[-1:] in {",", "!", "?", "—", "–"} or (inner[-1:] == "." and q.closed):
                found = self.tail(q)
                via_tail = found is not None
            if found is None:
                found = self.before(q)
            if found is None:
                sig = self.signature(q)
                found = (sig, None) if sig is not None else None
            if found is None and not via_tail:
                found = self.tail(q)
                via_tail = found is not None
            if found is None:
                continue
            m, cue = found
            if cue is not None:
                self.used.add(cue.token)
            if not via_tail:
                tail_end = self.clause_after(q)
                if tail_end is not None:
                    # `says “the wind is at our backs” despite the loss`: a mixed clause
                    self.out.append(Raw(((q.span[0], tail_end),), "mixed", m, cue))
                    continue
            if via_tail and not self.starts_sentence(q.span[0]):
                j = doc.token_before(q.span[0])
                s_start, _ = self.sent_tokens(q.span[0])
                if doc.words[j][:1].isalnum() and s_start < j:
                    # `The remarks were "a racist comment," Ryan said.`: the clause is his
                    span = (doc.starts[s_start], q.span[1])
                    self.out.append(Raw((span,), "mixed", m, cue))
                    continue
            attributed[qi] = len(self.out)
            if via_tail:
                by_tail[qi] = len(self.out)
            self.out.append(Raw((q.span,), "direct", m, cue))
        # quotes without a cue: continuations of an attributed quote in the same paragraph,
        # or whole paragraphs of quotation following a quoted speaker
        last_by_para: dict[int, int] = {}
        for qi, q in enumerate(self.quotes):
            p = doc.paragraph_of(q.span[0])
            if qi in attributed:
                last_by_para[p] = attributed[qi]
                continue
            if _words(doc, q.span) < 2:
                continue
            prev = qi - 1
            interrupted = False
            if prev in by_tail:
                cue = self.out[by_tail[prev]].cue
                gap = doc.token_at(q.span[0]) - doc.token_at(self.quotes[prev].span[1])
                interrupted = cue is not None and cue.span[1] <= q.span[0] and gap <= 14
            if (
                prev in attributed
                and doc.paragraph_of(self.quotes[prev].span[1] - 1) == p
                and (interrupted or self.starts_sentence(q.span[0]))
            ):
                r = self.out[attributed[prev]]
                cont = attributed[prev] if prev in by_tail else None
                attributed[qi] = len(self.out)
                self.out.append(Raw((q.span,), "direct", r.mention, None, continues=cont))
                last_by_para[p] = attributed[qi]
                continue
            para = doc.body[p] if p >= 0 else None
            if para is None or _words(doc, q.span) < MIN_SCARE_WORDS:
                continue
            whole = q.span[0] <= para[0] + 1 and (q.span[1] - q.span[0]) >= 0.8 * (
                para[1] - para[0]
            )
            if whole:
                for back in (p - 1, p - 2):
                    if back in last_by_para:
                        r = self.out[last_by_para[back]]
                        attributed[qi] = len(self.out)
                        self.out.append(Raw((q.span,), "direct", r.mention, None))
                        last_by_para[p] = attributed[qi]
                        break
        self.direct_spans = sorted(r.content[0] for r in self.out)
        self.direct_starts = [sp[0] for sp in self.direct_spans]

    def clause_after(self, q: Quotation) -> int | None:
        """End offset of the writer's words that carry on a sentence after a quotation
        (`“…” every time he thinks…`), or None when the sentence stops there."""
        doc = self.doc
        k = doc.token_at(q.span[1])
        if k >= len(doc.words) or doc.paragraph_of(doc.starts[k]) != doc.paragraph_of(q.span[0]):
            return None
        if not doc.words[k][:1].isalnum() or not doc.words[k].islower():
            return None
        if doc.lower[k] in {"and", "but", "or"}:
            return None  # `“…” and vowed to …`: a new clause, not the rest of this one
        _, s_end = self.sent_tokens(doc.starts[k])
        stop = _sentence_end_token(doc, k, s_end)
        end = self.clause_end(k, stop)
        return doc.ends[end - 1] if end > k else None

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

    def leftovers(self) -> None:
        """Quotations still without a speaker: one introduced by the paragraph before
        ("Cruz continued:"), or a full sentence of quotation after a speaker's statement in
        the same or the two paragraphs before (news style)."""
        doc = self.doc
        spans = sorted((r.content[0], i) for i, r in enumerate(self.out))
        starts = [sp[0][0] for sp in spans]
        for q in self.quotes:
            k = bisect_left(starts, q.span[1]) - 1
            hit = False
            while k >= 0 and starts[k] >= q.span[0] - MAX_QUOTE_REACH:
                if spans[k][0][1] > q.span[0]:
                    hit = True
                    break
                k -= 1
            if hit:
                continue
            if _words(doc, q.span) < MIN_SCARE_WORDS or not self.starts_sentence(q.span[0]):
                continue
            p = doc.paragraph_of(q.span[0])
            found = None
            if p > 0 and q.span[0] <= doc.body[p][0] + 1:
                ps, pe = doc.body[p - 1]
                j = doc.token_before(pe)
                if j >= 0 and doc.words[j] == ":":
                    for c in range(j - 1, max(doc.token_at(ps) - 1, j - 8), -1):
                        cue = self.cue_at.get(c)
                        if cue is not None and cue.kind == "verb":
                            s_start, _ = self.sent_tokens(doc.starts[c])
                            m, _a = subject_left(doc, c, s_start)
                            if m is not None:
                                found = Raw((q.span,), "direct", m, cue)
                            break
            if found is None:
                i = bisect_left(starts, q.span[0]) - 1
                if i >= 0:
                    r = self.out[spans[i][1]]
                    rp = doc.paragraph_of(r.content[0][0])
                    if 0 <= p - rp <= LOOKBACK_PARAGRAPHS and not r.mention.pronoun:
                        found = Raw((q.span,), "direct", r.mention, None)
            if found is not None:
                if found.cue is not None:
                    self.used.add(found.cue.token)
                self.out.append(found)

    # -- reported speech -------------------------------------------------------------------
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
        if cue.direct_only and not quoted:
            return
        nested = NESTED and self.inside_direct(content) and self.inside_direct(m.span)
        if self.overlaps_direct(content) and not nested:
            later = [s for s, _e in self._near_direct(content) if s > content[0] + 1]
            if not later or self.inside_direct(content):
                return
            content = _trim(self.doc, content[0], min(later))  # stop where a quotation starts
            if content is None or self.overlaps_direct(content) or _words(self.doc, content) < 3:
                return
        doc = self.doc
        kind = "indirect"
        if any(doc.text[i] in QUOTE_MARKS for i in range(content[0], content[1])):
            kind = "mixed"
        self.used.add(cue.token)
        insort(self.cue_index, (cue.token, len(self.out)))
        self.out.append(Raw((content,), kind, m, cue))

    def reported(self) -> None:
        doc = self.doc
        self.cue_index = sorted((r.cue.token, i) for i, r in enumerate(self.out) if r.cue)
        last_subject: tuple[int, Mention] | None = None  # (sentence start token, mention)
        for cue in self.cues:
            c = cue.token
            if c in self.used:
                continue
            if doc.paragraph_of(doc.starts[c]) < 0:
                continue
            s_start, s_end = self.sent_tokens(doc.starts[c])
            stop = _sentence_end_token(doc, c, s_end)
            if cue.kind in {"according", "opinion"}:
                self.according(cue, s_start, stop)
                continue
            participle = doc.lower[c].endswith("ing")
            prev = doc.lower[skip_back(doc, c - 1, s_start)] if c > s_start else ""
            if participle:
                # "…, saying that X": the speaker is the subject of the main clause
                if prev not in {",", "by", "before", "after", "while", "when"}:
                    continue
                m = None
                lo = bisect_left(self.cue_index, (s_start, -1))
                hi = bisect_left(self.cue_index, (c, -1))
                earlier = [self.out[i] for _t, i in self.cue_index[lo:hi]]
                if last_subject and last_subject[0] == s_start:
                    m = last_subject[1]
                elif earlier:
                    m = earlier[-1].mention
                else:
                    m = self.opening_subject(s_start, c)
                a = c
            else:
                m, a = subject_left(doc, c, s_start, loose=cue.lemma in {"say", "tell"})
            if m is None and last_subject and last_subject[0] == s_start and prev in {",", "and"}:
                m, a = last_subject[1], c
            if m is None and prev in {",", "”", '"', "’"}:
                m2 = self.sentence_subject(s_start, c)
                if m2 is not None:
                    m, a = m2, c
            if m is None and prev in {"and", "but"} and COORDINATED_SUBJECT:
                # "X embraced the plan and said that …": the sentence's subject speaks
                m2 = self.opening_subject(s_start, c)
                if m2 is not None and m2.span[0] < doc.starts[c]:
                    m, a = m2, c
            k = cue.end_token
            if (
                k + 3 < stop
                and doc.words[k] == ","
                and doc.lower[k + 1] in INTERJECTED
                and doc.words[k + 2] == ","
            ):
                k += 3  # "He said, however, that …"
            if m is None:
                # "…, said NAME." after a reported clause
                if c > s_start and doc.words[c - 1] == "," and not participle:
                    m2 = np_right(doc, k, stop)
                    after = doc.token_at(m2.span[1]) if m2 is not None else stop
                    if m2 is not None and (after >= stop or doc.words[after] in {",", ";"}):
                        content = _trim(doc, doc.starts[s_start], doc.starts[c - 1])
                        if content and _words(doc, content) >= 3:
                            self.add(content, m2, cue)
                continue
            if a > s_start and doc.lower[a - 1] in {"which", "what", "whom"}:
                continue  # "the rules, which officials said will …": content has no subject
            last_subject = (s_start, m)
            if (
                k >= stop
                or doc.words[k] in {",", ".", "!", "?", ":", ";"}
                or doc.words[k] in QUOTE_MARKS
            ):
                # "CLAUSE, X said." — the clause before the subject
                in_quote = (
                    a - 2 > s_start
                    and doc.words[a - 1] in CLOSING_MARKS
                    and doc.words[a - 2] == ","
                )  # `CLAUSE “…,” X said.`: the comma sits inside the quote
                if (
                    a > s_start
                    and (doc.words[a - 1] == "," or in_quote)
                    and (k >= stop or doc.words[k] != ":")
                ):
                    content = _trim(doc, doc.starts[s_start], doc.starts[a - 1])
                    if in_quote:
                        content = _trim(doc, doc.starts[s_start], doc.ends[a - 1])
                    if k + 2 < stop and doc.words[k] == "," and doc.words[k + 1] not in QUOTE_MARKS:
                        # "CLAUSE, X said, CLAUSE.": the sentence around the cue is reported
                        content = _trim(doc, doc.starts[s_start], doc.ends[stop - 1])
                    if content and _words(doc, content) >= 3:
                        self.add(content, m, cue)
                continue
            t = k
            while t < min(stop, k + 3) and doc.lower[t] in TIME_AFTER_CUE:
                t += 1
            if t > k and t < stop and doc.words[t][:1].isalnum():
                k = t  # "said Thursday his biggest worry …"
            if doc.lower[k] == "that":
                k += 1
            elif doc.lower[k] in ADVERBIAL_AFTER_CUE:
                that = next((t for t in range(k, min(stop, k + 9)) if doc.lower[t] == "that"), None)
                if that is None or any(not doc.words[x][:1].isalnum() for x in range(k, that)):
                    continue
                k = that + 1
            if k >= stop:
                continue
            end = self.clause_end(k, stop)
            if doc.words[end - 1] == ":" or (end < len(doc.words) and doc.words[end] == ":"):
                continue  # "told the court:" introduces a quotation
            if a > s_start and doc.lower[a - 1] in SUBORDINATORS:
                # "While he said X, he …": the reported clause ends at the comma
                end = next((t for t in range(k, end) if doc.words[t] == ","), end)
            if end - k < 2:
                continue
            content = _trim(doc, doc.starts[k], doc.ends[end - 1])
            self.add(content, m, cue)

    def opening_subject(self, s_start: int, c: int) -> Mention | None:
        """The noun phrase opening a sentence (after an adverbial and its comma), which a
        participle such as "saying" or "telling" takes as its speaker."""
        doc = self.doc
        start = s_start
        commas = [j for j in range(s_start, min(c, s_start + 8)) if doc.words[j] == ","]
        if commas and commas[0] - s_start <= 5 and doc.lower[s_start] not in {"the", "a", "an"}:
            start = commas[0] + 1
        e = start
        while e < c and e - start < 8 and not is_boundary(doc, e):
            e += 1
        m = describe(doc, start, e) if e > start else None
        while m is None and e > start + 1:
            e -= 1
            m = describe(doc, start, e)
        return m

    def sentence_subject(self, s_start: int, c: int) -> Mention | None:
        """A sentence opening "THE ROLE OF X, NAME, …" whose verb comes late."""
        doc = self.doc
        commas = [j for j in range(s_start, c) if doc.words[j] == ","][:2]
        if len(commas) < 2 or commas[0] - s_start > 10 or commas[1] - commas[0] > 6:
            return None
        name = describe(doc, commas[0] + 1, commas[1])
        if name is None or name.kind != "person" or name.descriptive or name.pronoun:
            return None
        role, aff = split_role(doc, s_start, commas[0])
        return Mention(name.span, name.text, name.name, "person", role, aff)

    def according(self, cue: Cue, s_start: int, stop: int) -> None:
        """`According to X, CLAUSE` / `CLAUSE, according to X` / `in his opinion`."""
        doc = self.doc
        c, k = cue.token, cue.end_token
        if cue.kind == "opinion":
            m = describe(doc, c + 1, c + 2, pronouns=PRONOUNS)
        else:
            e = k
            while e < stop and e - k < 14 and doc.words[e] not in {",", ";", ":"} | QUOTE_MARKS:
                e += 1
            m = describe(doc, k, e, pronouns=PRONOUNS, loose=True) if e > k else None
            k = e
        if m is None:
            return
        lead = c - s_start
        at_start = lead == 0 or (doc.lower[c - 1] in CLAUSE_OPENERS and lead <= 5)
        goes_on = k + 1 < stop and doc.words[k] == "," and doc.lower[k + 1] not in RELATIVES
        comma = c - 1 if c > s_start and doc.words[c - 1] == "," else None
        if comma is None and c - 1 > s_start and doc.words[c - 1] in {"”", '"', "’"}:
            comma = c - 2 if doc.words[c - 2] == "," else None  # `“…,” according to X`
        if not at_start and comma is not None and goes_on:
            # a parenthetical "X, in his opinion, is Y": the whole sentence is reported
            content = _trim(doc, doc.starts[s_start], doc.ends[stop - 1])
        elif at_start and k < stop and doc.words[k] == ",":
            content = _trim(doc, doc.starts[k + 1], doc.ends[stop - 1]) if stop > k + 1 else None
        elif comma is not None:
            content = _trim(doc, doc.starts[s_start], doc.ends[c - 1])
        else:
            return
        if content and _words(doc, content) >= 3:
            self.add(content, m, cue)


def attribute(doc: Doc, quotes: tuple[Quotation, ...], cues: tuple[Cue, ...]) -> list[Raw]:
    """Statements (unresolved) in text order: direct quotations first claim their cues, then
    reported speech uses the cues left."""
    at = _Attributor(doc, quotes, cues)
    at.direct()
    at.reported()
    at.leftovers()
    order = sorted(range(len(at.out)), key=lambda i: at.out[i].content[0])
    new_index = {old: new for new, old in enumerate(order)}
    out = []
    for old in order:
        r = at.out[old]
        if r.continues is not None:
            r.continues = new_index[r.continues]
        out.append(r)
    return out
