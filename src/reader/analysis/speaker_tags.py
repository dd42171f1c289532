"""The short speaker tags around a quotation that the direct pass reads besides its cue
verbs: a signature under it (`“…” ― Jane Doe`), a transcript label (`Rep. Jane Doe: “…”`),
a pronoun or a name with an unlisted verb after it (`“…,” Roe shot back.`), a participle after
a tag (`…, Roe said, adding, “…”`), the subject of a participle right after a quotation
(`Roe argued that “…,” citing a case`), the tag that opens a statement of its own instead, and
how a quotation joins the writer's sentence (`The fund “pays …,”`, `chanted “A” and “B”`)."""

from __future__ import annotations

from reader.analysis.attribution_base import (
    ADVERBIAL_AFTER_CUE,
    DASHES,
    TIME_AFTER_CUE,
    AttributorBase,
    abbreviation,
)
from reader.analysis.cues import Cue
from reader.analysis.doc import ABBREVIATIONS
from reader.analysis.lexicons import words
from reader.analysis.mentions import SKIP_BEFORE_CUE, Mention, describe, np_right, subject_left
from reader.analysis.quotes import Quotation
from reader.analysis.share_subjects import share_subject

ABSOLUTE_REACH = 6  # tokens from "with" or "of" back from a participle ("with a voice over")


class SpeakerTags(AttributorBase):
    """Speaker tags of the direct pass (mixed into `DirectQuotes`)."""

    def signature(self, q: Quotation) -> Mention | None:
        """`“…” ― Jane Doe`: a name after a dash closing the paragraph signs the quotation."""
        doc = self.doc
        _, p_end = self.para_bounds(q.span[1] - 1)
        k = doc.token_at(q.span[1])
        while k >= p_end and k < len(doc.words) and doc.words[k].isspace():
            k += 1
        if k >= p_end and k < len(doc.words) and doc.words[k] in DASHES:
            gap = doc.text[q.span[1] : doc.starts[k]]
            if gap.strip() == "" and gap.count("\n") <= 2:
                # the signature on a line of its own under the quotation: `“…”` / `- Jane Doe.`
                line_end = doc.text.find("\n", doc.starts[k])
                p_end = doc.token_before(len(doc.text) if line_end < 0 else line_end) + 1
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

    def pronoun_tail(self, q: Quotation, k: int, limit: int) -> tuple[Mention, None] | None:
        """`“…,” she went on.`: a personal pronoun and a short verb phrase end the sentence
        after a quotation closing on a comma; the pronoun speaks though no listed verb cues it."""
        doc = self.doc
        inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
        if inner[-1:] != "," or doc.lower[k] not in {"he", "she"} or not 1 < limit - k <= 4:
            return None
        if limit >= len(doc.words) or doc.words[limit] != ".":
            return None
        if not all(w.isalpha() and w.islower() for w in doc.words[k + 1 : limit]):
            return None
        m = describe(doc, k, k + 1)
        return (m, None) if m is not None else None

    def name_tail(self, q: Quotation, k: int, limit: int) -> tuple[Mention, None] | None:
        """`“…,” Roe shot back.` / `“…?” Roe retorted with a laugh.`: a name and a verb in the
        past right after a quotation that closes on a comma or a question; the name speaks
        though no listed verb cues it (without this the quotation went to the speaker before)."""
        doc = self.doc
        inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
        if inner[-1:] not in {",", "?", "!"}:
            return None
        v = k
        while v < limit and v - k < 6 and doc.words[v][:1].isupper():
            v += 1
        if v == k or v >= limit:
            return None
        if not (doc.lower[v].endswith("ed") or doc.lower[v] in words("tag_past_verbs")):
            return None
        if not doc.words[v].isalpha() or not doc.words[v].islower():
            return None
        m = describe(doc, k, v)
        if m is None or m.pronoun or m.descriptive or m.kind != "person":
            return None
        return m, None

    def reports_own_clause(self, q: Quotation, cue: Cue, limit: int) -> bool:
        """`“… a closed sentence.” Jane Roe said she would …`: after a quotation ending its own
        sentence, a cue followed by what it reports opens a statement of its own; the quotation
        is not Roe's (`“…,” Roe said on Friday` ends after the tag). So too after a quotation
        inside the writer's opening phrase (`Asked on “Morning Report,” Roe said she …`)."""
        doc = self.doc
        inner = doc.text[q.inner[0] : q.inner[1]].rstrip()
        inside = inner[-1:] == "," and not self.starts_sentence(q.span[0])
        if inner[-1:] != "." and not inside:
            return False
        t = cue.end_token
        while t < limit and (doc.lower[t] in TIME_AFTER_CUE or doc.lower[t] in ADVERBIAL_AFTER_CUE):
            t += 1
        return limit - t >= 3 and doc.words[t][:1].isalpha() and doc.words[t] not in {"in", "to"}

    def participle_subject(self, c: int, s_start: int) -> Mention | None:
        """Who speaks through the participle at token `c` before a quotation: the phrase it
        comes with (`with Roe shouting, “…”`, `footage of Roe asking, “…”`), the tag before
        it (`Roe said, adding, “…”`), or the sentence's subject."""
        doc = self.doc
        b = c - 1
        while b > s_start and doc.words[b].islower() and doc.lower[b].endswith("ly"):
            b -= 1  # `with Roe reportedly yelling`
        w = next(
            (
                t
                for t in range(b, max(s_start, b - ABSOLUTE_REACH), -1)
                if doc.lower[t] in {"with", "of"}
            ),
            None,
        )
        if w is not None and w < b and all(x[:1].isalnum() for x in doc.words[w + 1 : b + 1]):
            m = describe(doc, w + 1, b + 1)
            if m is not None and not m.pronoun:
                return m
        return self.tagged_before(c, s_start) or self.opening_subject(s_start, c)

    def tagged_before(self, c: int, s_start: int) -> Mention | None:
        """`…, Roe said, adding, “…”`: a participle right after a speaker tag takes the
        tag's subject, not the subject opening the sentence (what Roe reported about)."""
        doc = self.doc
        if c - 2 <= s_start or doc.words[c - 1] != ",":
            return None
        for t in range(c - 2, max(s_start, c - 6), -1):  # `Roe said on Friday, adding`
            cue = self.cue_at.get(t)
            if cue is not None:
                if cue.kind != "verb" or doc.lower[t].endswith("ing"):
                    return None
                m, _a = subject_left(doc, t, s_start)
                return m
            if not doc.words[t][:1].isalnum():
                return None
        return None

    def after_quote_speaker(self, q_start: int, cue: Cue, limit: int) -> Mention | None:
        """The speaker named by the cue right after a quotation: the subject after it in
        `“…,” said Roe`; but a participle (`“…,” citing a case`, `noting the cost`) has its
        object after it, and its speaker is the subject of the sentence the quotation is in."""
        doc = self.doc
        m = np_right(doc, cue.end_token, limit)
        if m is None or cue.kind != "verb" or not doc.lower[cue.token].endswith("ing"):
            return m  # `“…,” claiming that …`: no phrase after it, the reported pass reads it
        s_start, _ = self.sent_tokens(q_start)
        s_start = max(s_start, self.para_bounds(q_start)[0])
        q = doc.token_at(q_start)
        if q - s_start < 2:
            return None  # `“…,” saying X`: the quotation opens the sentence, no subject
        return self.opening_subject(s_start, q)

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

    def cue_subject(self, c: int, s_start: int) -> Mention | None:
        """The subject of the cue at token `c` before a quotation: the phrase left of it, past
        an aside, or a share of those asked (`21 percent said “not too likely”`)."""
        m, _a = subject_left(self.doc, c, s_start, loose=True)
        return m or self.subject_over_aside(c, s_start) or share_subject(self.doc, c, s_start)

    def subject_over_aside(self, c: int, s_start: int) -> Mention | None:
        """The subject of the cue at token `c` past what stands between them: manner adverbs
        (`Roe jokingly said`) or a comma after a party code (`Sen. Roe (R-Ohio), said`)."""
        doc = self.doc
        b = c - 1
        if b - 1 > s_start and doc.words[b] == "," and doc.words[b - 1] == ")":
            m, _a = subject_left(doc, b, s_start, loose=True)  # read from the comma back
            return m
        while b > s_start and doc.words[b].isalpha() and doc.words[b].islower():
            if not doc.lower[b].endswith("ly") and doc.lower[b] not in SKIP_BEFORE_CUE:
                return None  # `Roe then loudly asked`: adverbs of both kinds
            b -= 1
        if b == c - 1:
            return None
        m, _a = subject_left(doc, b + 1, s_start, loose=True)
        return m

    def participle_between(self, lo: int, hi: int) -> Cue | None:
        """A cue participle set off by a comma among tokens `lo`..`hi`, still free: the
        `, adding` or `, noting that …` after the tag of a quotation."""
        doc = self.doc
        for t in range(lo, hi):
            cue = self.cue_at.get(t)
            free = cue is not None and t not in self.used
            if free and doc.lower[t].endswith("ing") and doc.words[t - 1] == ",":
                return cue
        return None

    def stops_between(self, lo: int, hi: int) -> bool:
        """A sentence ends among tokens `lo`..`hi`: what comes after is not in that clause."""
        words = self.doc.words
        return any(
            words[t] in {"!", "?"} or (words[t] == "." and not abbreviation(words[t - 1]))
            for t in range(lo, hi)
        )

    def runs_on(self, q: Quotation, j: int) -> bool:
        """The quotation `q` carries on the writer's sentence from token `j` before it: a word
        (`The remarks were “a racist comment,”`), or a comma and a quotation that opens in
        lower case (`The fund, set up in May, “pays for the repairs,”`)."""
        doc = self.doc
        if doc.words[j][:1].isalnum():
            return True
        return doc.words[j] == "," and doc.text[q.inner[0] : q.inner[0] + 1].islower()

    def coordinated(self, qi: int) -> Quotation | None:
        """The quotation joined to quotation `qi` by "and" or "or" right after it, in its
        paragraph (`the crowd chanted “A” and “B”`): one statement, not two."""
        doc = self.doc
        if qi + 1 >= len(self.quotes):
            return None
        q, nxt = self.quotes[qi], self.quotes[qi + 1]
        k = doc.token_at(q.span[1])
        if k + 1 >= len(doc.words) or doc.lower[k] not in {"and", "or"}:
            return None
        if doc.token_at(nxt.span[0]) != k + 1:
            return None
        return nxt if doc.paragraph_of(nxt.span[0]) == doc.paragraph_of(q.span[0]) else None
