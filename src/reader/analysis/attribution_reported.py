"""Attribution of reported speech: `X said (that) CLAUSE`, `CLAUSE, X said`, `…, saying
that …`, `according to X`, `in his opinion`."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from reader.analysis.according_to import according
from reader.analysis.attribution_base import (
    ADVERBIAL_AFTER_CUE,
    CLOSING_MARKS,
    COORDINATED_SUBJECT,
    INTERJECTED,
    QUOTE_MARKS,
    SUBORDINATORS,
    TIME_AFTER_CUE,
    AttributorBase,
    Raw,
    n_words,
    sentence_end_token,
    trim,
)
from reader.analysis.colon_speakers import colon_speakers
from reader.analysis.content_ends import (
    comparison_end,
    next_speaker_end,
    stance_setting,
    subject_relative,
)
from reader.analysis.cues import Cue
from reader.analysis.group_subjects import group_subject
from reader.analysis.lexicons import reporting_verbs, words
from reader.analysis.mentions import (
    Mention,
    describe,
    np_right,
    skip_back,
    subject_left,
)
from reader.analysis.parenthetical_sources import add_around
from reader.analysis.passive_agents import speakers_not_subjects
from reader.analysis.relative_subjects import relative_end, relative_who
from reader.analysis.reported_objects import object_end
from reader.analysis.share_subjects import answer_end, share_subject

# "are reporting", "was saying": a finite verb, not a participle hanging on a main clause
PROGRESSIVE = frozenset({"is", "are", "was", "were", "been", "be", "am"})
CONTRACTED_BE = ("’s", "'s", "’re", "'re")  # "he’s saying", "they're asking"


# "testified before the committee (that …)": where or when it was said, then the clause if any
PLACE_AFTER_CUE = frozenset({"before", "after"})
# "Before the coroner concluded that X, Y": the reported clause ends at the comma
CLAUSE_SUBORDINATORS = frozenset({"before", "after", "once", "until", "whereas"})
HOLDING_VERBS = words("holding_verbs")
TIME_OPENERS = frozenset({"on", "last", "this", "late", "early", "earlier"})
TIME_PHRASE = TIME_AFTER_CUE | words("months") | frozenset({"night", "morning", "afternoon"})
# words that open the reported clause after a time phrase ("said on Friday he …")
CLAUSE_SUBJECT_STARTS = frozenset(
    {"he", "she", "they", "it", "we", "i", "the", "a", "an", "his", "her", "their", "its"}
)


# words ending the object of a stance verb ("criticized Roe during a debate")
OBJECT_ENDS = frozenset({"during", "while", "when", "after", "before", "amid"})
# what a stance was taken in ("… in a statement", "… in an interview")
SAID_IN = words("written_pieces") | frozenset({"interview", "speech"})
# words ending what someone declined or hoped to do ("declined to comment, and …")
INTENT_ENDS = frozenset({",", "and", "but", "—", "–", "(", ";"})

MAX_APPOSITION = 45  # tokens from a sentence-opening name to its cue across a long aside


class ReportedSpeech(AttributorBase):
    """The second pass: reporting cues that no quotation claimed."""

    def held_object(self, k: int, stop: int) -> bool:
        """The words from `k` are a thing held ("a wide lead", "only one office", "20
        branches"), not a clause reported."""
        if k >= stop:
            return False
        w = self.doc.lower[k]
        return w in {"a", "an", "another", "only"} or w[:1].isdigit()

    def belief_clause(self, cue: Cue, stop: int) -> bool:
        """A belief cue reports a clause: "fears that …", or "thinks the plan will fail" (a
        clause subject right after the verb), not "hopes to win" or "feared for his life"."""
        k = cue.end_token
        if k >= stop:
            return False
        w = self.doc.lower[k]
        if w == "to":
            return cue.infinitive  # "to" after a belief: only for a verb listed as reporting one
        return w == "that" or w in CLAUSE_SUBJECT_STARTS or self.doc.words[k][:1].isupper()

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
            stop = sentence_end_token(doc, c, s_end)
            if cue.kind in {"according", "opinion"}:
                according(self, cue, s_start, stop)
                continue
            if cue.kind == "indirect" and self.in_quotation(doc.starts[c]):
                continue  # “… I am dismissing it.”: the speaker's own words, not a report
            if cue.belief and not self.belief_clause(cue, stop):
                continue  # "hopes to win", "feared for his life": not a reported belief
            if cue.lemma in HOLDING_VERBS and self.held_object(cue.end_token, stop):
                continue  # "maintains a wide lead": kept, not said
            shared = False  # the subject is a share of people asked ("52 percent said")
            relative = False  # the speaker is the antecedent of "who" ("X, who has said …")
            participle = (
                doc.lower[c].endswith("ing")
                and doc.lower[c - 1] not in PROGRESSIVE
                and not doc.lower[skip_back(doc, c - 1, s_start)].endswith(CONTRACTED_BE)
            )  # "He’s predicting …" is no participle clause
            b = skip_back(doc, c - 1, s_start) if c > s_start else -1
            prev = doc.lower[b] if b >= 0 else ""
            if prev in CLOSING_MARKS and b - 1 > s_start and doc.words[b - 1] == ",":
                prev = ","  # `a defence of “harbour values,” saying …`: the comma is in the quote
            if participle:
                # "…, saying that X": the speaker is the subject of the main clause
                release = self.written_before(c, s_start)  # "released a statement saying"
                if prev not in {",", "by", "before", "after", "while", "when"} and release is None:
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
                if release is not None:
                    m = subject_left(doc, release, s_start)[0] or m  # who released it
                a = c
            else:
                m, a = subject_left(doc, c, s_start, loose=cue.lemma in {"say", "tell"})
                if prev in {"and", "but"} and c - s_start > 3 and COORDINATED_SUBJECT:
                    # "Vietnam is one of the critics … and has accused …": the opening subject
                    # speaks, not the noun phrase just before "and"
                    lo = bisect_left(self.cue_index, (s_start, -1))
                    hi = bisect_left(self.cue_index, (c, -1))
                    earlier = [self.out[i] for _t, i in self.cue_index[lo:hi]]
                    m2 = earlier[-1].mention if earlier else self.opening_subject(s_start, c)
                    m2 = self.subordinate_subject(s_start, c, earlier) or m2
                    if m2 is not None and m2.span[0] < doc.starts[c] and not self.has_cue(m2):
                        m, a = m2, c
                who = relative_who(doc, c, s_start) if m is None else None
                if who is not None and who < c - 1 and (cue.attitude or cue.obj or cue.quote_only):
                    # "X, who has endorsed Y", "who has called Y “…”": a stance in the
                    # background of the sentence, seldom a report of its own
                    who = None
                if who is not None and who - 1 > s_start:
                    # "X, who said …", "X, who has long argued …": X speaks
                    m2 = self.name_before_comma(who - 1, s_start)
                    if m2 is not None:
                        m, a, relative = m2, who, True
                if m is None:
                    g = group_subject(doc, c, s_start)
                    shared = g is None and (g := share_subject(doc, c, s_start)) is not None
                    if g is not None:
                        m, a = g, doc.token_at(g.span[0])
            if m is None and last_subject and last_subject[0] == s_start and prev in {",", "and"}:
                m, a = last_subject[1], c
            if m is None and prev in {",", "”", '"', "’"}:
                m2 = self.sentence_subject(s_start, c) or self.long_apposition(s_start, c)
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
            forward = cue.attitude or cue.infinitive  # what follows is its content
            if m is None:
                # "…, said NAME." after a reported clause
                if c > s_start and doc.words[c - 1] == "," and not participle and not forward:
                    m2 = np_right(doc, k, stop)
                    after = doc.token_at(m2.span[1]) if m2 is not None else stop
                    if m2 is not None and (
                        after >= stop
                        or doc.words[after] in {",", ";"}
                        or self.time_to_end(after, stop)
                    ):
                        content = trim(doc, doc.starts[s_start], doc.starts[c - 1])
                        if content and n_words(doc, content) >= 3:
                            self.add(content, m2, cue)
                continue
            if (
                a > s_start
                and doc.lower[a - 1] in {"which", "what", "whom"}
                and not (doc.lower[a - 1] == "what" and cue.quote_only)
            ):
                # "the rules, which officials said will …": content has no subject; but "in
                # what the host described as “the hardest verdict”" quotes the host's words
                continue
            if (
                m.pronoun
                and len(m.text) < len(doc.words[doc.token_at(m.span[0])])
                and self.in_quotation(doc.starts[c])
            ):
                continue  # “… he’s saying the right things”: the speaker's own words
            last_subject = (s_start, m)
            as_credit = doc.lower[s_start] == "as" and (
                a - 1 == s_start
                or (a - 2 > s_start and doc.lower[a - 1] == "and" and c - s_start < 12)
            )  # "As the Ledger reported, …" / "As both the Ledger and the Post reported, …"
            if as_credit and k + 3 < stop:
                # "As the Ledger reported, CLAUSE": the outlet credited for what follows
                if doc.words[k] == ",":
                    content = trim(doc, doc.starts[k + 1], doc.ends[stop - 1])
                    if content and n_words(doc, content) >= 3:
                        first = s_start + 1 + (doc.lower[s_start + 1] == "both")
                        other = describe(doc, first, a - 1) if a - 1 > first else None
                        if other is not None and not other.pronoun:
                            self.add(content, other, cue)  # both outlets credited
                            self.used.discard(cue.token)
                        self.add(content, m, cue)
                continue
            if (
                k >= stop
                or doc.words[k] in {",", ".", "!", "?", ":", ";"}
                or doc.words[k] in QUOTE_MARKS
                or self.only_time(k, stop)
            ):
                # "CLAUSE, X said." — the clause before the subject ("…, X reported late
                # Thursday.": a time phrase alone is no object)
                if forward:
                    continue  # "…, Roe criticized.": no object, nothing reported
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
                    around = False
                    content = trim(doc, doc.starts[s_start], doc.starts[a - 1])
                    if in_quote:
                        content = trim(doc, doc.starts[s_start], doc.ends[a - 1])
                    if (
                        k + 2 < stop
                        and doc.words[k] == ","
                        and doc.words[k + 1] not in QUOTE_MARKS
                        and not self.reporting_participle(k + 1)
                    ):
                        # "CLAUSE, X said, CLAUSE.": the sentence around the cue is reported
                        content = trim(doc, doc.starts[s_start], doc.ends[stop - 1])
                        around = not in_quote
                        if self.only_connective(s_start, a - 1):
                            # "But, X said, the plan failed": what follows the cue
                            content = trim(doc, doc.starts[k + 1], doc.ends[stop - 1])
                            around = False
                    if content and n_words(doc, content) >= 3:
                        self.add(content, m, cue)
                        if around:  # "The plan, Roe said, will fail": not "Roe said"
                            add_around(self, s_start, a - 1, k + 1, stop, content)
                continue
            t = k
            while t < min(stop, k + 3) and doc.lower[t] in TIME_AFTER_CUE:
                t += 1
            if t > k and t < stop and doc.words[t][:1].isalnum():
                k = t  # "said Thursday his biggest worry …"
            that_clause = doc.lower[k] == "that"
            if that_clause:
                k += 1
            elif (clause := self.time_phrase_end(k, stop)) is not None:
                k = clause  # "said on Friday he met …"
            elif doc.lower[k] in ADVERBIAL_AFTER_CUE | PLACE_AFTER_CUE:
                that = next(
                    (t for t in range(k, min(stop, k + 15)) if doc.lower[t] == "that"), None
                )
                if that is None or any(not doc.words[x][:1].isalnum() for x in range(k, that)):
                    continue
                k = that + 1
            if k >= stop:
                continue
            end = self.clause_end(k, stop)
            for _ in range(3):  # past a relative clause on the subject ("the mayor, who …,")
                if not subject_relative(doc, k, end, stop):
                    break
                end = self.clause_end(end + 2, stop)
            end = next_speaker_end(doc, k, end, self.cue_at)  # "… and others said …"
            if a > s_start and doc.lower[a - 1] in SUBORDINATORS | CLAUSE_SUBORDINATORS:
                # "While he said X, he …": the reported clause ends at the comma (a colon
                # ending the main clause after it introduces nothing of his)
                end = next((t for t in range(k, end) if doc.words[t] == ","), end)
            if doc.words[end - 1] == ":" or (end < len(doc.words) and doc.words[end] == ":"):
                continue  # "told the court:" introduces a quotation
            if not cue.attitude:
                end = comparison_end(doc, k, end)  # ", compared with …" is the writer's
            if cue.attitude:
                # "criticized Roe during a debate", "praised Lee and challenged him": the
                # object; what a phrase calls for runs on to the end of its clause ("called
                # for a ban in December after the attack")
                phrase = " " in cue.lemma
                if not phrase:
                    end = self.attitude_end(k, end)  # "endorsed Roe last week"
                end = next(
                    (
                        t
                        for t in range(k + 1, end)
                        if (doc.lower[t] in OBJECT_ENDS and not phrase)
                        or (doc.lower[t] == "and" and self.verb_at(t + 1))
                        or self.aside_at(t)
                    ),
                    end,
                )
            noun_object = False
            if cue.obj and not cue.attitude and not that_clause:
                # "denied the charges through his lawyer": a noun-phrase object, not a clause
                cut = object_end(doc, k, end, self.verb_at, self.aside_at)
                noun_object, end = cut < end, cut
            if cue.infinitive and doc.lower[k] == "to":
                # "declined to comment, and aides said …": the intention up to the next clause
                end = next((t for t in range(k + 1, end) if doc.lower[t] in INTENT_ENDS), end)
            if end - k < (1 if cue.attitude or noun_object else 2):
                continue
            if relative:
                end = relative_end(doc, k, end)  # "X, who said A, will resign": not "will resign"
            if shared:
                end = answer_end(doc, k, end)  # "52 percent said A, compared with 41 percent"
            content = trim(doc, doc.starts[k], doc.ends[end - 1])
            self.add(content, m, cue)
        speakers_not_subjects(self)  # "was told by X", "prompted X to argue", "citing X"
        colon_speakers(self)  # "Roe: The budget will pass", "ROE: We will see."

    def reporting_participle(self, t: int) -> bool:
        """Token `t` is a reporting participle ("CLAUSE, Roe said, adding that …"): what
        follows is the participle's own content, Roe's is the clause before the tag."""
        w = self.doc.lower[t]
        return w.endswith("ing") and w in self.cue_words

    def subordinate_subject(self, s_start: int, c: int, earlier: list[Raw]) -> Mention | None:
        """`…, and when Roe thanked the crowd and said …`: the cue after "and" is coordinated
        with the verb of the subordinate clause it is in, whose subject (after "when") speaks."""
        doc = self.doc
        floor = max([s_start] + [r.cue.token for r in earlier if r.cue is not None])
        sub = next(
            (
                t
                for t in range(c - 2, floor, -1)
                if doc.lower[t] in SUBORDINATORS | CLAUSE_SUBORDINATORS
            ),
            None,
        )
        if sub is None or any(doc.words[t] in {",", ";"} for t in range(sub + 1, c)):
            return None
        m = self.noun_phrase_at(sub + 1, c)
        named = m is not None and not (m.descriptive or m.pronoun) and m.kind == "person"
        return m if named else None  # "after he clinched it and said": the main subject, often

    def in_quotation(self, offset: int) -> bool:
        """`offset` lies inside a quotation's marks."""
        k = bisect_right(self.quote_starts, offset) - 1
        return k >= 0 and offset < self.quotes[k].span[1]

    def aside_at(self, t: int) -> bool:
        """Token `t` opens what is no part of a stance's object: a clause joined by ", but"
        or a dash, or where it was said ("in a statement", "in an interview")."""
        doc = self.doc
        w, nxt = doc.lower[t], doc.lower[t + 1] if t + 1 < len(doc.words) else ""
        if w == "," and nxt in {"but", "while", "although", "though"}:
            return True
        if w in {"--", "—", "–"} or stance_setting(doc, t):
            return True
        return (
            w == "in"
            and nxt in {"a", "an", "his", "her", "their", "its"}
            and t + 2 < len(doc.words)
            and doc.lower[t + 2] in SAID_IN
        )

    def verb_at(self, t: int) -> bool:
        """Token `t` reads as a verb in the past or a reporting verb ("… and challenged")."""
        w = self.doc.lower[t]
        return w in reporting_verbs() or (w.endswith("ed") and self.doc.words[t].islower())

    def long_apposition(self, s_start: int, c: int) -> Mention | None:
        """`Jane Roe (D-Ohio), who chairs the panel that wrote the bill, said …`: a name opens
        the sentence and a long aside (a role, a relative clause) runs from its comma to the
        comma before the cue."""
        doc = self.doc
        if c - s_start > MAX_APPOSITION or doc.words[c - 1] != ",":
            return None
        first = next(
            (t for t in range(s_start + 1, min(c - 1, s_start + 9)) if doc.words[t] == ","), None
        )
        if first is None or first + 2 >= c - 1:
            return None
        between = range(first + 1, c - 1)
        if any(
            doc.words[t] in {";", ":", "!", "?"} | QUOTE_MARKS or t in self.cue_at for t in between
        ):
            return None
        e = first
        if doc.words[e - 1] == ")":
            e = next((t for t in range(e - 2, s_start, -1) if doc.words[t] == "("), e)
        m = describe(doc, s_start, e)
        if (
            m is None
            or m.pronoun
            or m.descriptive
            or m.kind not in {"person", "organization", "media"}
        ):
            return None
        return m

    def has_cue(self, m: Mention) -> bool:
        """`m` runs over a reporting verb ("The agency said Monday"): no clean subject."""
        doc = self.doc
        first, last = doc.token_at(m.span[0]), doc.token_before(m.span[1])
        return any(t in self.cue_at for t in range(first, last + 1))

    def name_before_comma(self, comma: int, floor: int) -> Mention | None:
        """`…, Labor Secretary Tom Perro, who said …`: the capitalised name before the comma
        of a relative clause, the word "who" standing for it."""
        doc = self.doc
        if doc.words[comma] != ",":
            return None
        j = comma - 1
        while j >= floor and comma - j <= 6 and (doc.words[j][:1].isupper() or doc.words[j] == "."):
            j -= 1
        if j + 1 >= comma:
            return None
        m = describe(doc, j + 1, comma)
        if m is None or m.pronoun or m.kind not in {"person", "organization", "media"}:
            return None
        who = (doc.starts[comma + 1], doc.ends[comma + 1])
        return Mention(m.span, m.text, m.name, m.kind, m.role, m.affiliation, written=who)

    def time_phrase_end(self, k: int, stop: int) -> int | None:
        """`said on Friday he …`: the token opening the clause after a short time phrase at
        `k`, when a pronoun, a name or a determiner opens it; else None."""
        doc = self.doc
        if doc.lower[k] not in TIME_OPENERS:
            return None
        t = k + 1
        while t < stop and t - k <= 3 and (doc.lower[t] in TIME_PHRASE or doc.words[t].isdigit()):
            t += 1
        if t == k + 1 or t >= stop:
            return None
        w = doc.lower[t]
        if w in CLAUSE_SUBJECT_STARTS or (doc.words[t][:1].isupper() and doc.words[t].isalpha()):
            return t
        return None

    def time_to_end(self, k: int, stop: int) -> bool:
        """`…, said X on Tuesday.`: only a short time phrase runs from token `k` to the end."""
        doc = self.doc
        if stop - k > 6 or doc.lower[k] not in TIME_AFTER_CUE | {"on", "last", "this", "late"}:
            return False
        return all(doc.words[t][:1].isalnum() or doc.words[t] == "," for t in range(k, stop))

    def only_time(self, k: int, stop: int) -> bool:
        """Only a short time phrase ("late Thursday", "on Monday") runs from token `k` to the
        sentence's end: the verb before it has no object of its own."""
        doc = self.doc
        if stop - k > 4 or doc.lower[k] not in TIME_AFTER_CUE | TIME_OPENERS:
            return False
        return all(
            doc.lower[t] in TIME_PHRASE | TIME_OPENERS or doc.words[t].isdigit()
            for t in range(k, stop)
        )
