"""Help → What the signals mean: one page explaining, in plain words, each signal the Sources
panel shows (the chips and the details pane) and how reader computes it.

The text follows `reader.analysis.credibility` (and the README's signals table); each signal
has an anchor so the panel can open the page at the one the reader asked about. The page is
a non-modal dialog, one per window, opened again where it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

TITLE = "What the signals mean"

# chip key (see reader.ui.source_chips.Chip.key) → section of the page
ANCHORS = {
    "identity": "identity",
    "affiliation": "affiliation",
    "verbatim": "verbatim",
    "hedged": "hedged",
    "verb": "verbs",
    "related": "related",
    "corroborating": "related",
    "contradicting": "related",
    "articles": "articles",
    "rating": "rating",
    "note": "rating",
}

PAGE = """
<h2>What the signals mean</h2>
<p>Under each source the Sources panel shows a few <i>signals</i>: short labels such as
<b>anonymous</b>, <b>40% verbatim</b> or <b>claimed ×2</b>. None of them is a score, and
none says whether a source is right. Each one is a fact about <i>how the article reports the
source</i>, and each points at the words in the article that produced it: hover over a
signal to read them, or select the source to see them listed below the list, where a click
takes you to the place in the article.</p>
<p>reader finds sources and statements with rules and word lists made for English; in an
article in another language it finds none.</p>

<h3 id="identity"><a name="identity"></a>named / anonymous</h3>
<p><b>named</b>: the article gives the source a name (“Anna Holm”, “the Interior
Ministry”). <b>anonymous</b>: it does not (“a senior official”, “people familiar with
the talks”, “sources said”), so a reader cannot check who is speaking.</p>
<p><i>How:</i> a source is anonymous when the words that stand for it come from reader's
list of anonymous-source words (“official”, “sources”, “people familiar with”) rather than
a name; a name has capital letters. The evidence is every different way the article refers
to the source.</p>

<h3 id="affiliation"><a name="affiliation"></a>no affiliation</h3>
<p>The article does not say who the source is or whom they speak for: no role
(“spokesperson”, “head of the council”) and no organisation next to their name.</p>
<p><i>How:</i> the role and affiliation are what the article writes around the source's
mentions (“Tom Perro, Labor Secretary”, “a spokesman for the ministry”). When there is one,
the details pane quotes it; when there is none, the chip says so.</p>

<h3 id="verbatim"><a name="verbatim"></a>N% verbatim</h3>
<p>Of the statements the article attributes to this source, the share quoted word for word.
A low share means the article mostly tells you, in its own words, what the source said.</p>
<p><i>How:</i> each statement is a <b>quote</b> (the source's words inside quotation marks),
a <b>paraphrase</b> (“she said that …” with no quotation marks), or <b>partly quoted</b>
(a paraphrase with a few quoted words). The share is quotes ÷ all statements; partly quoted
statements do not count as verbatim. The tooltip lists the counts and the first quotes.</p>

<h3 id="hedged"><a name="hedged"></a>N hedged</h3>
<p>How many of the source's statements carry a hedge: words by which the article keeps its
distance from a claim, such as “allegedly”, “reportedly”, “according to some reports”,
“it is believed”.</p>
<p><i>How:</i> reader looks for the phrases of its hedge list in the statement and around its
reporting verb (“claimed that drones had <b>allegedly</b> attacked”). Each hedge found is
quoted with the sentence it stands in.</p>

<h3 id="verbs"><a name="verbs"></a>doubtful and assertive reporting verbs</h3>
<p>The verb the journalist chose to report a statement carries a tone. <b>said</b>,
<b>told</b>, <b>noted</b> are neutral. <b>claimed</b>, <b>alleged</b>, <b>insisted</b>
are <i>doubtful</i>: they tell you the writer does not vouch for what follows. A chip shows
each doubtful verb used for the source (<b>claimed ×2</b>: twice). <i>Assertive</i> verbs
(<b>stressed</b>, <b>warned</b>) and the neutral ones are listed in the details pane.</p>
<p><i>How:</i> each statement's reporting words (“said”, “according to”, “in his
opinion”) are looked up in reader's list of reporting verbs, where every verb has one of
the three tones.</p>

<h3 id="related"><a name="related"></a>related to, corroborated by, contradicted by N</h3>
<p>How many <i>other</i> sources in the same article say something about the same thing.
<b>corroborated by</b> means they say much the same; <b>contradicted by</b> means one side
denies or negates what the other says; <b>related to</b> means they speak of the same things
without either.</p>
<p><i>How:</i> reader compares every statement of the source with every statement of each
other source, word by word. Only content words count (not “the”, “said”, “would”), and
words are compared by their stem, so “attacks” meets “attacked”. Rare words weigh more; the
words of the article's topic (those in many of its sentences) weigh nothing, so two
statements are not related merely for naming the countries the article is about.</p>
<ul>
<li><b>related</b>: at least two shared content words, weighing at least 15% of the
shorter statement's words.</li>
<li><b>corroborating</b>: related, at least three shared words weighing 30% or more, and
neither statement negated (or both).</li>
<li><b>contradicting</b>: one statement denies what the other asserts. A negation
(“not”, “no”, “never”, “nobody”) or a denying verb (“denied”, “rejected”) must bear on
an event the other statement names, in the same word or the same kind of event (“attack”
and “strike”), and the denied clause must be about the same thing. Two statements that
share words while one of them holds a negation elsewhere are only related. A statement
that only refers back (“he denied it”, “she said the same”) is paired with the statement
just before it.</li>
</ul>
<p>This is word overlap, not understanding: the tooltip shows both statements and the shared
words so you can judge for yourself. N counts other sources, not pairs of statements.</p>

<h3 id="articles"><a name="articles"></a>in N articles</h3>
<p>The source is quoted in N articles of your library, this one included. The details pane
lists the others; a click opens one.</p>
<p><i>How:</i> sources are matched across articles by name, ignoring capitals and a leading
“the”. Anonymous sources are never matched: “an official” in two articles need not be the
same person. A rename or merge you make is kept and used for the match.</p>

<h3 id="rating"><a name="rating"></a>your rating and note</h3>
<p>Your own judgement, never computed: select a source and pick a rating from −2
(distrusted) to +2 (trusted), and write a private note if you like. Both belong to the source
across your library, so they show again in every article that quotes it; the rating chip
leads the row and “Your rating” sorts by it. Anonymous sources take no rating.</p>
"""


def anchor_for(chip_key: str) -> str:
    """The page's section for a chip (keys such as "verb:claimed" share one section)."""
    return ANCHORS.get(chip_key.split(":", 1)[0], "")


class SignalsHelp(QDialog):
    """The page in a text browser, non-modal; `show_section` scrolls to one signal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalsHelp")
        self.setWindowTitle(TITLE)
        self.setModal(False)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("signalsHelpText")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(PAGE)
        # imported with the first dialog: named at the top, PySide6 would build the class and its
        # enums at every start (this module is loaded with the Sources panel)
        from PySide6.QtWidgets import QDialogButtonBox

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(max(560, fm.averageCharWidth() * 100), fm.height() * 36)

    def show_section(self, anchor: str = "") -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)


def show_signals_help(parent: QWidget, anchor: str = "") -> SignalsHelp:
    """Open the page (one per window, reused) at a signal's section."""
    window = parent.window()
    dialog = window.findChild(SignalsHelp, "signalsHelp")
    if dialog is None:
        dialog = SignalsHelp(window)
    dialog.show_section(anchor)
    return dialog
