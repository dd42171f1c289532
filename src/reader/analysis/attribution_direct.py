"""Attribution of quotations: `“…,” X said`, `X said: “…”`, `“…” ― X`, transcript labels,
and quotations that carry on a speaker's earlier quote."""

from __future__ import annotations

import re
from bisect import bisect_left

from reader.analysis.attribution_base import (
    BEFORE_QUOTE_OK,
    INTERJECTED,
    LOOKBACK_PARAGRAPHS,
    MAX_QUOTE_REACH,
    MIN_SCARE_WORDS,
    OPEN_MARKS,
    QUOTE_MARKS,
    Raw,
    abbreviation,
    n_words,
    sentence_end_token,
)
from reader.analysis.cues import Cue
from reader.analysis.doc import ABBREVIATIONS
from reader.analysis.mentions import (
    Mention,
    describe,
    is_boundary,
    skip_back,
    subject_left,
)
from reader.analysis.quotes import Quotation
from reader.analysis.speaker_tags import SpeakerTags
from reader.analysis.tag_leaders import tag_speaker

# `— Jane Doe (@janedoe) May 3, 2020`: the line that signs an embedded social-media post
TWEET_SIGNATURE = re.compile(r"[—–-]\s*([^\s(@][^(\n]{0,60}?)\s*\(@\w{1,30}\)[^\n]{0,40}$")


# who may introduce a quotation with a clause and a colon ("X returned to her theme: “…”")
COLON_SPEAKER_KINDS = frozenset({"person", "organization", "media", "document", "anonymous"})

# tokens back from a quotation to the cue that introduces it (`X said in a statement on
# Friday to the council, “…”`)
CUE_REACH_BEFORE = 14

# the one spoken to, between a cue and its quotation (`asked her, “…”`)
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})

# who may introduce the next paragraph's quotation with a sentence ending on a colon
PARAGRAPH_SPEAKER_KINDS = frozenset({"person", "organization", "media"})

# a party and state code set off after a politician's name: R-Ky, D-N.Y, I-Vt
PARTY = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,5}$")


class DirectQuotes(SpeakerTags):
    """The first pass: each quotation claims its cue and speaker."""

    def tail(self, q: Quotation) -> tuple[Mention, Cue | None] | None:
        """`“…,” X said` / `“…,” said X` / `“…,” X, ROLE, told Y`."""
        doc = self.doc
        j = doc.token_before(q.span[0])
        if (
            n_words(doc, q.span) < 6
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
        while limit < p_end and limit - k < 40 and not self.opens_quote(limit):
            w = doc.words[limit]
            if w == "(":
                close = self.closing_paren(limit, p_end)
                if close is not None:
                    limit = close + 1  # `Sen. Jane Doe (D-Ore.) said`: the party, not an end
                    continue
            if w in {".", "!", "?", ";"} and not (
                w == "." and (doc.lower[limit - 1] in ABBREVIATIONS or self.initial(limit))
            ):
                break
            limit += 1
        if limit <= k:
            return None
        if limit < p_end and self.opens_quote(limit):
            inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
            if inner[-1:] in {".", "!", "?"}:
                return None  # `“A.” He added, “B.”`: the cue introduces the next quote
        cue = self.cue_at.get(k)
        if cue is not None and cue.kind in {"verb", "according"} and cue.token not in self.used:
            m = self.after_quote_speaker(q.span[0], cue, limit)  # `“…,” citing X`: not X
            if m is not None:
                return m, cue
            return None
        c = next((j for j in range(k, limit) if j in self.cue_at), None)
        if c is None:
            return self.pronoun_tail(q, k, limit) or self.name_tail(q, k, limit)
        cue = self.cue_at[c]
        if cue.kind != "verb" or c in self.used or cue.quote_only:
            return None
        if self.reports_own_clause(q, cue, limit):
            return None
        j = skip_back(doc, c - 1, k)
        while j > k and doc.words[j].islower() and doc.lower[j].endswith("ly"):
            j -= 1  # `“…?” Brooke tearfully asked`: a manner adverb before the cue
        if (
            j - 3 > k
            and doc.words[j] == ","
            and PARTY.match(doc.words[j - 2])
            and doc.words[j - 1] == "."
            and doc.words[j - 3] == ","
        ):
            j -= 4  # `Carl Berg, R-Ky., said`: the party code is no apposition
        if j > k and doc.words[j] == ")":
            opening = next(
                (t for t in range(j - 1, max(k, j - 9), -1) if doc.words[t] == "("), None
            )
            if opening is not None and opening > k:
                j = opening - 1
        if j < k:
            return None
        if doc.words[j] == ",":
            m = tag_speaker(doc, k, j, c)  # `“…,” NAME, ROLE, said` and longer tags
            return (m, cue) if m is not None else None
        if any(is_boundary(doc, t) for t in range(k, j + 1)):
            return None
        m = describe(doc, k, j + 1, loose=True)
        return (m, cue) if m is not None else None

    def resumes(self, before: Quotation, q: Quotation) -> bool:
        """`q` opens on a lower-case word in the sentence of the quotation `before`: the rest
        of a sentence that a speaker tag interrupted (`“The risk,” said X, a long role, “is
        that …”`)."""
        doc = self.doc
        first = doc.text[q.inner[0] : q.inner[0] + 1]
        if not (first.isalpha() and first.islower()):
            return False
        lo, hi = doc.token_at(before.span[1]), doc.token_at(q.span[0])
        return not any(
            doc.words[t] in {"!", "?", ";"}
            or (doc.words[t] == "." and not abbreviation(doc.words[t - 1]))
            for t in range(lo, hi)
        )

    def opens_quote(self, t: int) -> bool:
        """Token `t` opens a quotation: a double mark, or two apostrophes written as one
        (`''…''`, the style of some papers)."""
        doc = self.doc
        if doc.words[t] in OPEN_MARKS:
            return True
        return (
            doc.words[t] == "'"
            and t + 1 < len(doc.words)
            and doc.words[t + 1] == "'"
            and doc.ends[t] == doc.starts[t + 1]
        )

    def initial(self, dot: int) -> bool:
        """The full stop at token `dot` ends an initial or a short abbreviation inside a name
        (`Elijah E. Cummings`, `McConnell, R-Ky., said`), not the sentence."""
        doc = self.doc
        prev = doc.words[dot - 1]
        nxt = doc.words[dot + 1] if dot + 1 < len(doc.words) else ""
        if len(prev) == 1 and prev.isupper():
            return nxt[:1].isupper()
        return prev[:1].isupper() and len(prev.split("-")[-1]) <= 4 and nxt in {",", ")"}

    def closing_paren(self, k: int, limit: int) -> int | None:
        """Index of the `)` closing the `(` at token `k`, within a few tokens, or None."""
        for t in range(k + 1, min(limit, k + 9)):
            if self.doc.words[t] == ")":
                return t
            if self.doc.words[t] in {"(", "!", "?", ";"} | OPEN_MARKS:
                return None
        return None

    def before(self, q: Quotation) -> tuple[Mention, Cue | None] | None:
        """`X said: “…”` / `X told Y, “…”` / `X said that “…”`."""
        doc = self.doc
        p_start, _ = self.para_bounds(q.span[0])
        j = doc.token_before(q.span[0])
        if j < p_start:
            return None
        if doc.lower[j] == "that":
            return None  # `said that “…”`: reported speech with a quotation, read as mixed
        lead = doc.words[j]
        if doc.words[j] == ":" and j - 1 >= p_start and (j - 1) not in self.cue_at:
            m = self.speaker_label(j, p_start)
            if m is not None:
                return m, None
        if doc.words[j] in {":", ","}:
            j -= 1
        if j - 1 > p_start and doc.lower[j] in INTERJECTED and doc.words[j - 1] == ",":
            j -= 2  # `X acknowledged, however, “…”`
        first = doc.text[q.inner[0] : q.inner[0] + 1]
        reach = CUE_REACH_BEFORE if first.isupper() and lead in {",", ":"} else 7
        for c in range(j, max(p_start - 1, j - reach), -1):
            cue = self.cue_at.get(c)
            if cue is not None and cue.kind == "verb" and c not in self.used:
                between = doc.lower[cue.end_token : j + 1]
                # `said last week that Roe is “too soft”`: reported speech, read as mixed
                clause = lead[:1].isalnum() and ("that" in between or len(between) > 3)
                if cue.quote_only or clause or any(not w[:1].isalnum() for w in between):
                    return None
                # `said he was “happy”`: a quoted fragment of reported speech; but `asked her,
                # “…”` is a question put to her; `said about the vote, “A …”` a sentence of his
                after = doc.lower[cue.end_token]
                told = lead in {",", ":"} and (
                    after in OBJECT_PRONOUNS or (after == "about" and first.isupper())
                )
                if cue.end_token <= j and after not in BEFORE_QUOTE_OK and not told:
                    return None
                s_start, _ = self.sent_tokens(doc.starts[c])
                s_start = max(p_start, s_start)
                if doc.lower[c].endswith("ing"):
                    m = self.participle_subject(c, s_start)
                else:
                    m = self.cue_subject(c, s_start)
                    b = skip_back(doc, c - 1, s_start)
                    if m is None and b > s_start and doc.lower[b] in {"and", "but"}:
                        m = self.opening_subject(s_start, c)  # `X paused and joked, “…”`
                return (m, cue) if m is not None else None
            if not doc.words[c][:1].isalnum() or doc.words[c] in QUOTE_MARKS:
                break
        if doc.words[doc.token_before(q.span[0])] == ":":
            return self.colon_subject(q, p_start)
        return None

    def colon_paragraph(self, q: Quotation, colon: int, p_start: int) -> Raw | None:
        """`Roe released the following statement:` / `“…”` in the next paragraph: a paragraph
        ending on a colon without a cue verb near it introduces the quotation after it; its
        subject speaks (`Roe told the crowd, to loud applause:` too)."""
        doc = self.doc
        s_start, _ = self.sent_tokens(doc.starts[colon])
        s_start = max(doc.token_at(p_start), s_start)
        if colon - s_start < 2 or colon - s_start > 25 or n_words(doc, q.span) < 4:
            return None
        m = self.credited(s_start, colon) or self.opening_subject(s_start, colon)
        if m is None or m.kind not in PARAGRAPH_SPEAKER_KINDS:
            return None  # "Partial transcript:" labels a document, it does not speak
        return Raw((q.span,), "direct", m, None)

    def colon_subject(self, q: Quotation, p_start: int) -> tuple[Mention, None] | None:
        """`Jane Doe returned to her familiar lines: “…”`: a clause without a reporting verb,
        ended by a colon, introduces a quoted sentence; its subject is the speaker."""
        doc = self.doc
        colon = doc.token_before(q.span[0])
        inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
        a, b = doc.token_at(q.span[0]), doc.token_before(q.span[1]) + 1
        if (
            inner[-1:] not in {".", "!", "?", ","}
            or sum(w[:1].isalnum() for w in doc.words[a:b]) < 3
        ):
            return None  # a word or two is a label or a sign's text, not a speaker's sentence
        s_start, _ = self.sent_tokens(doc.starts[colon])
        s_start = max(p_start, s_start)
        if colon - s_start < 2 or colon - s_start > 25:
            return None
        m = self.credited(s_start, colon) or self.opening_subject(s_start, colon)
        if m is None or m.kind not in COLON_SPEAKER_KINDS:
            return None  # "The sign read one word: “…”": only someone speaks this way
        return m, None

    def direct(self) -> None:
        doc = self.doc
        attributed: dict[int, int] = {}  # quote index -> raw index
        by_tail: dict[int, int] = {}
        for qi, q in enumerate(self.quotes):
            if qi in attributed:
                continue  # the second of two quotations joined by "and"
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
            pair = None if via_tail else self.coordinated(qi)
            if pair is not None:  # `chanted “A” and “B”`: one statement
                attributed[qi] = attributed[qi + 1] = len(self.out)
                self.out.append(Raw(((q.span[0], pair.span[1]),), "direct", m, cue))
                continue
            if not via_tail:
                tail_end = self.clause_after(q)
                if tail_end is not None:
                    # `says “the wind is at our backs” despite the loss`: a mixed clause
                    self.out.append(Raw(((q.span[0], tail_end),), "mixed", m, cue))
                    continue
            if via_tail and not self.starts_sentence(q.span[0]):
                j = doc.token_before(q.span[0])
                s_start, _ = self.sent_tokens(q.span[0])
                if self.runs_on(q, j) and s_start < j:
                    if cue is None:
                        # `In an interview with “Morning Report,” Roe pointed to …`: no verb
                        # of saying, the quotation names a programme in the writer's words
                        continue
                    # `The remarks were "a racist comment," Ryan said.`: the clause is his
                    span = (doc.starts[s_start], q.span[1])
                    attributed[qi] = by_tail[qi] = len(self.out)  # a quote after goes on
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
            if n_words(doc, q.span) < 2:
                continue
            prev = self.resumed_from(qi, attributed, by_tail)
            interrupted = False
            if prev in by_tail:
                cue = self.out[by_tail[prev]].cue
                gap = doc.token_at(q.span[0]) - doc.token_at(self.quotes[prev].span[1])
                lead = doc.words[doc.token_before(q.span[0])]
                interrupted = (
                    cue is not None
                    and cue.span[1] <= q.span[0]
                    and (gap <= 14 or (lead == "," and self.resumes(self.quotes[prev], q)))
                    and lead in {",", ".", ":", ";", "—", "–"}
                )  # `“A,” he said, noting that “B”`: B is part of what he noted
            if (
                prev in attributed
                and doc.paragraph_of(self.quotes[prev].span[1] - 1) == p
                and (interrupted or self.starts_sentence(q.span[0]))
            ):
                r = self.out[attributed[prev]]
                # `“A,” she said, adding, “B.”`: a second cue makes B a statement of its own
                lo, hi = doc.token_at(self.quotes[prev].span[1]), doc.token_at(q.span[0])
                second = self.participle_between(lo, hi)
                cont = attributed[prev] if second is None else None
                if second is not None and self.stops_between(second.token, hi):
                    second = None  # `“A,” she said, noting that X. “B.”`: it reports X
                attributed[qi] = len(self.out)
                self.out.append(Raw((q.span,), "direct", r.mention, second, continues=cont))
                if second is not None:
                    self.used.add(second.token)
                last_by_para[p] = attributed[qi]
                continue
            para = doc.body[p] if p >= 0 else None
            if para is None or n_words(doc, q.span) < MIN_SCARE_WORDS:
                continue
            whole = q.span[0] <= para[0] + 1 and (q.span[1] - q.span[0]) >= 0.8 * (
                para[1] - para[0]
            )
            # a paragraph of quotation goes on the speaker quoted in the paragraph just before;
            # a paragraph of the writer's in between may bring in someone else
            if whole and p - 1 in last_by_para:
                r = self.out[last_by_para[p - 1]]
                attributed[qi] = len(self.out)
                # the next paragraph of a tagged quotation goes on with it: one statement
                cont = last_by_para[p - 1] if r.kind == "direct" and r.cue is not None else None
                self.out.append(Raw((q.span,), "direct", r.mention, None, continues=cont))
                last_by_para[p] = attributed[qi]
        self.tweets()
        self.direct_spans = sorted(r.content[0] for r in self.out)
        self.direct_starts = [sp[0] for sp in self.direct_spans]

    TITLE_WORDS = 4  # a programme, paper or slogan named in a tag, not a sentence quoted

    def resumed_from(self, qi: int, attributed: dict[int, int], by_tail: dict[int, int]) -> int:
        """The quotation a cue-less quotation may go on from: the one just before, or past a
        short unattributed quotation inside the speaker tag of a tagged one (`“A,” she said on
        “Morning Report.” “B.”`: the title is nobody's words, B goes on from A)."""
        prev = qi - 1
        doc = self.doc
        if (
            prev > 0
            and prev not in attributed
            and prev - 1 in by_tail
            and len(doc.text[slice(*self.quotes[prev].inner)].split()) <= self.TITLE_WORDS
            and doc.paragraph_of(self.quotes[prev - 1].span[0])
            == doc.paragraph_of(self.quotes[qi].span[0])
        ):
            cue = self.out[by_tail[prev - 1]].cue
            lo, hi = (
                doc.token_at(cue.span[1]) if cue else 0,
                doc.token_at(self.quotes[prev].span[0]),
            )
            # the short quotation stands in the tag's own sentence, after its cue
            in_tag = cue is not None and cue.span[1] <= self.quotes[prev].span[0]
            if in_tag and not any(doc.words[t] in {".", "!", "?", ";"} for t in range(lo, hi)):
                return prev - 1
        return prev

    def tweets(self) -> None:
        """An embedded post: a paragraph of text, then `— Jane Doe (@handle) May 3, 2020`. The
        name signs the paragraph before it, quoted word for word without quotation marks."""
        doc = self.doc
        taken = [r.content[0] for r in self.out]
        segs = doc.segments
        for i in range(1, len(segs)):
            s, e = segs[i].span
            m = TWEET_SIGNATURE.match(doc.text, s, e)
            prev = segs[i - 1].span
            if m is None or segs[i - 1].kind not in {"paragraph", "boilerplate"}:
                continue
            if n_words(doc, prev) < 4 or any(a < prev[1] and prev[0] < b for a, b in taken):
                continue
            k, end = doc.token_at(m.start(1)), doc.token_before(m.end(1)) + 1
            who = describe(doc, k, end) if end > k else None
            if who is not None and not who.pronoun and not who.descriptive:
                self.out.append(Raw((prev,), "direct", who, None))

    def clause_after(self, q: Quotation) -> int | None:
        """End offset of the writer's words that carry on a sentence after a quotation
        (`“…” every time he thinks…`), or None when the sentence stops there."""
        doc = self.doc
        if doc.text[q.inner[0] : q.inner[1]].rstrip()[-1:] in {",", ".", "!", "?"}:
            return None  # `chanted “Lock them up!” as they had before`: a whole utterance
        k = doc.token_at(q.span[1])
        if k >= len(doc.words) or doc.paragraph_of(doc.starts[k]) != doc.paragraph_of(q.span[0]):
            return None
        if not doc.words[k][:1].isalnum() or not doc.words[k].islower():
            return None
        if doc.lower[k] in {"and", "but", "or"}:
            return None  # `“…” and vowed to …`: a new clause, not the rest of this one
        _, s_end = self.sent_tokens(doc.starts[k])
        stop = sentence_end_token(doc, k, s_end)
        end = self.clause_end(k, stop)
        return doc.ends[end - 1] if end > k else None

    def leftovers(self) -> None:
        """Quotations still without a speaker: one introduced by the paragraph before
        ("Cruz continued:"), or a full sentence of quotation after a speaker's statement in
        the same paragraph or the one before (news style): a person's reported words go on."""
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
            if n_words(doc, q.span) < MIN_SCARE_WORDS or not self.starts_sentence(q.span[0]):
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
                    else:
                        found = self.colon_paragraph(q, j, ps)
            if found is None:
                i = bisect_left(starts, q.span[0]) - 1
                if i >= 0:
                    r = self.out[spans[i][1]]
                    rp = doc.paragraph_of(r.content[0][0])
                    # a quote after the writer's own sentences in its paragraph goes on a speaker
                    # of this paragraph only: the sentences before it may bring in another
                    reach = LOOKBACK_PARAGRAPHS if q.span[0] <= doc.body[p][0] + 1 else 0
                    # a report, poll, outlet or group paraphrased does not own the quote after it
                    unvoiced = r.kind == "indirect" and r.mention.kind != "person"
                    if 0 <= p - rp <= reach and not r.mention.pronoun and not unvoiced:
                        cont = spans[i][1] if r.kind == "indirect" else None  # goes on
                        found = Raw((q.span,), "direct", r.mention, None, continues=cont)
            if found is not None:
                if found.cue is not None:
                    self.used.add(found.cue.token)
                self.out.append(found)
