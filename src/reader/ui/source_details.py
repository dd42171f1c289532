"""The details pane under the Sources tree: one source's identity, the signals with the words
that produced them (each a link that scrolls the article there), related statements by other
sources, the other articles quoting it, and the user's rating and private note.

It reads everything from `SourceModel` and changes nothing itself: the rating and the note go
out as signals (the note debounced while typing) and come back through `refresh_info`.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.library.views import Source
from reader.ui.signals_help import anchor_for
from reader.ui.source_chips import (
    RATING_COLORS,
    RATING_LABELS,
    cited_label,
    clip,
    esc,
    mention_words,
    others_by_relation,
    q,
    rating_label,
    signed,
    statement_text,
    tone_hex,
    unique_pairs,
)
from reader.ui.source_model import KIND_LABELS
from reader.ui.team_lines import corrected_by, team_spread_text

NOTE_SAVE_MS = 600
RATING_CHOICES: tuple[int | None, ...] = (None, -2, -1, 0, 1, 2)
LINK_RE = re.compile(r"<a href='([^']+)'[^>]*>(.*?)</a>", re.S)


def _q(text: str) -> str:
    return q(text)


class SourceDetails(QScrollArea):
    """Everything about the selected source; evidence one click from the article."""

    evidence_activated = Signal(int, int)  # start, end in the article text
    rating_chosen = Signal(int, object)  # library source id, rating or None
    note_edited = Signal(int, str)  # library source id, note
    article_requested = Signal(int)  # article id
    help_requested = Signal(str)  # a section of "What the signals mean" (signals_help)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceDetails")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.source: Source | None = None
        self.library_id: int | None = None
        self._model: Any = None
        self._pending: tuple[int, str] | None = None

        inner = QWidget(self)
        inner.setObjectName("sourceDetailsInner")
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(14, 10, 14, 14)
        lay.setSpacing(6)

        self.title = QLabel(inner)
        self.title.setObjectName("sourceDetailsTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.title.linkActivated.connect(self.activate)
        lay.addWidget(self.title)

        # rating: not rated, −2 … +2
        self.rating_row = QWidget(inner)
        rrow = QHBoxLayout(self.rating_row)
        rrow.setContentsMargins(0, 2, 0, 0)
        rrow.setSpacing(3)
        caption = QLabel("Your rating", self.rating_row)
        caption.setObjectName("sourceDetailsCaption")
        rrow.addWidget(caption)
        rrow.addSpacing(4)
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: dict[int | None, QToolButton] = {}
        for i, value in enumerate(RATING_CHOICES):
            b = QToolButton(self.rating_row)
            b.setCheckable(True)
            b.setAutoRaise(False)
            b.setText("–" if value is None else signed(value))
            b.setToolTip(rating_label(value) + (f" ({signed(value)})" if value is not None else ""))
            b.setObjectName("ratingButton")
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setMinimumWidth(30)
            self.rating_group.addButton(b, i)
            self.rating_buttons[value] = b
            rrow.addWidget(b)
        self.rating_label = QLabel(self.rating_row)
        self.rating_label.setObjectName("ratingLabel")
        rrow.addSpacing(6)
        rrow.addWidget(self.rating_label, 1)
        self.rating_group.idClicked.connect(self._rating_clicked)
        lay.addWidget(self.rating_row)
        self.team_label = QLabel(inner)  # the team's spread beside the user's rating
        self.team_label.setObjectName("teamSpread")
        lay.addWidget(self.team_label)
        self.made_by = QLabel(inner)  # who corrected this source ("Renamed by ana")
        self.made_by.setObjectName("correctedBy")
        self.made_by.setWordWrap(True)
        lay.addWidget(self.made_by)
        self.corrections: list[Any] = []  # the open article's, with their creators
        self.me = ""  # the user's identity (their own corrections go unsaid when alone)
        self.names: dict[str, str] = {}  # members' display labels by identity

        self.note = QPlainTextEdit(inner)
        self.note.setObjectName("sourceNote")
        self.note.setPlaceholderText("A private note on this source — saved as you type")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(58)
        self.note.textChanged.connect(self._note_typed)
        lay.addWidget(self.note)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.flush)

        self.body = QLabel(inner)
        self.body.setObjectName("sourceDetailsBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body.linkActivated.connect(self.activate)
        lay.addWidget(self.body)
        lay.addStretch(1)
        self.setWidget(inner)
        self.show_source(None, None)

    # ---- showing ---------------------------------------------------------------------------

    def show_source(self, source: Source | None, model: Any) -> None:
        """Show one source (None: a hint to pick one). A pending note is saved first."""
        if (
            source is not None
            and self.source is not None
            and source.id == self.source.id
            and model is self._model
            and model is not None
            and model.analysis is not None
        ):
            self._render()
            return
        self.flush()
        self.source = source
        self._model = model
        self._render()

    def refresh(self) -> None:
        """Draw again (after a theme change)."""
        self._render()

    def refresh_info(self, model: Any) -> None:
        """The rating or note of a source changed in the library: show it."""
        self._model = model
        self._render()

    def _render(self) -> None:
        src, model = self.source, self._model
        if src is None or model is None or model.analysis is None:
            self.library_id = None
            self.title.setText(
                f"<span style='color:{self._dim().name()}'>Select a source to see who they are,"
                " how the article reports them, what other sources say and where else they are"
                " quoted.</span>"
            )
            self.rating_row.hide()
            self.team_label.hide()
            self.made_by.hide()
            self.note.hide()
            self.body.setText("")
            return
        info = model.info_of(src.id)
        self.library_id = model.links.get(src.id)
        self.title.setText(self._title_html(src, model))
        self.rating_row.show()
        self.note.show()
        tracked = self.library_id is not None
        self.rating_row.setEnabled(tracked)
        self.note.setEnabled(tracked)
        rating = info.rating if info else None
        self.rating_buttons[rating if rating in RATING_LABELS else None].setChecked(True)
        self._style_rating(rating if tracked else None)
        if tracked:
            self.rating_label.setText(rating_label(rating))
            self.note.setPlaceholderText("A private note on this source — saved as you type")
        else:
            self.rating_label.setText("Not tracked")
            self.rating_row.setToolTip(
                "Anonymous sources are not one source across articles, so they take no rating."
            )
            self.note.setPlaceholderText("Anonymous sources take no note")
        spread = getattr(info, "spread", None)
        self.team_label.setVisible(tracked and spread is not None and spread.count > 0)
        if spread is not None and spread.count:
            text, tip = team_spread_text(spread)
            self.team_label.setText(f"<span style='color:{self._dim().name()}'>{text}</span>")
            self.team_label.setToolTip(tip)
        made_by = corrected_by(src.id, self.corrections, self.me, self.names)
        self.made_by.setVisible(bool(made_by))
        self.made_by.setText(f"<span style='color:{self._dim().name()}'>{made_by}</span>")
        note = info.note if info else ""
        pending = self._pending is not None and self._pending[0] == self.library_id
        if self.note.toPlainText() != note and not pending:
            self.note.blockSignals(True)
            self.note.setPlainText(note)
            self.note.blockSignals(False)
        self.body.setText(self._body_html(src, model))

    def _dim(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _style_rating(self, rating: int | None) -> None:
        for value, b in self.rating_buttons.items():
            if value is not None and value == rating:
                c = RATING_COLORS[value]
                b.setStyleSheet(
                    f"QToolButton {{ background: {c}; color: white; border: 1px solid {c};"
                    " border-radius: 4px; padding: 2px 6px; font-weight: 600; }"
                )
            else:
                b.setStyleSheet(
                    "QToolButton { border: 1px solid palette(mid); border-radius: 4px;"
                    " padding: 2px 6px; background: transparent; }"
                    "QToolButton:hover { border-color: palette(highlight); }"
                )
        color = RATING_COLORS.get(rating, self._dim().name()) if rating is not None else None
        self.rating_label.setStyleSheet(f"color: {color or self._dim().name()};")

    def _title_html(self, src: Source, model: Any) -> str:
        sig = model.signals_of(src.id)
        dim = self._dim().name()
        kind = KIND_LABELS.get(src.kind, src.kind)
        lines = [f"<div style='font-size:large; font-weight:600'>{esc(src.name)}</div>"]
        sub = [kind]
        if sig is not None:
            sub.append("named" if sig.identity.named else "anonymous")
        lines.append(f"<div style='color:{dim}'>{' · '.join(sub)}</div>")
        parts = []
        if sig is not None and sig.affiliation.stated:
            for e in sig.affiliation.evidence:
                parts.append(self._link(e.span, e.text))
        if parts:
            lines.append(f"<div>{' · '.join(parts)}</div>")
        return "".join(lines)

    def _link(self, span: Any, text: str, quote: bool = False) -> str:
        shown = q(text) if quote else esc(" ".join(text.split()))
        if not span:
            return shown
        return (
            f"<a href='span:{int(span[0])}:{int(span[1])}' style='text-decoration:none'>{shown}</a>"
        )

    def _statement_link(self, model: Any, statement_id: str, n: int = 110) -> str:
        st = next((s for s in model.analysis.statements if s.id == statement_id), None)
        if st is None:
            return ""
        text = clip(statement_text(model.analysis, statement_id), n)
        return self._link((st.start, st.end), text, quote=True)

    def _body_html(self, src: Source, model: Any) -> str:
        sig = model.signals_of(src.id)
        if sig is None:
            return ""
        names = {s.id: s.name for s in model.sources()}
        dim = self._dim().name()
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        out: list[str] = []
        rows: list[str] = []

        def flush_rows() -> None:
            if rows:
                out.append(
                    "<table width='100%' cellspacing='0' cellpadding='0'>"
                    + "".join(rows)
                    + "</table>"
                )
                rows.clear()

        def section(title: str, help_anchor: str = "") -> None:
            flush_rows()
            more = (
                f" · <a href='help:{help_anchor}' style='text-decoration:none'>what do these"
                " mean?</a>"
                if help_anchor
                else ""
            )
            out.append(
                f"<p style='margin-top:14px; margin-bottom:2px; color:{dim}; font-size:small;"
                f" font-weight:600'>{title.upper()}{more}</p>"
            )

        def item(label: str, tone: str, body: str, key: str = "") -> None:
            # the label links to its section of "What the signals mean"
            color = tone_hex(tone, dark)
            anchor = anchor_for(key or label)
            shown = esc(label)
            if anchor:
                shown = (
                    f"<a href='help:{anchor}' style='color:{color}; text-decoration:none'"
                    f" title='What does this mean?'>{shown}</a>"
                )
            rows.append(
                f"<tr><td width='30%' style='padding:4px 10px 4px 0; color:{color};"
                f" font-weight:600'>{shown}</td>"
                f"<td style='padding:4px 0'>{body}</td></tr>"
            )

        def note(text: str) -> str:
            return f"<span style='color:{dim}'>{text}</span>"

        section("Signals", "top")
        mentions = mention_words(sig)
        ment = ", ".join(self._link(e.span, e.text, quote=True) for e in mentions[:5])
        if sig.identity.named:
            item("named", "neutral", f"{note('as')} {ment}", "identity")
        else:
            item("anonymous", "warn", f"{note('no name given; called')} {ment}", "identity")
        if sig.affiliation.stated:
            ev = sig.affiliation.evidence
            links = " · ".join(self._link(e.span, e.text, True) for e in ev)
            item("affiliation", "neutral", links, "affiliation")
        else:
            item(
                "no affiliation",
                "warn",
                note("the article does not say who they are"),
                "affiliation",
            )
        c = sig.statements
        if c.total:
            share = round(100 * (c.verbatim_share or 0))
            quotes = "<br>".join(self._statement_link(model, i, 70) for i in c.direct_ids[:3])
            counts = f"{c.direct} quoted, {c.mixed} partly quoted, {c.indirect} paraphrased"
            item(
                f"{share}% verbatim",
                "neutral" if share >= 50 else "info",
                note(counts) + (f"<br>{quotes}" if quotes else ""),
                "verbatim",
            )
        else:  # no statement of their own: the statements that name them select the text
            cited = model.cited_of(src.id)
            citing = [
                f"<b>{esc(names.get(x.by, x.by))}</b>: " + self._statement_link(model, x.statement)
                for x in cited
            ]
            head = "named in another source's statement" if cited else "named; no statement"
            item(cited_label(cited, names), "info", "<br>".join([note(head), *citing]), "cited")
        if sig.hedged:
            lines = []
            for h in sig.hedged:
                words = ", ".join(self._link(e.span, e.text, quote=True) for e in h.evidence)
                lines.append(f"{words} {note('in')} {self._statement_link(model, h.statement, 70)}")
            item(f"{len(sig.hedged)} hedged", "warn", "<br>".join(lines), "hedged")
        verbs: dict[str, list] = {}
        for cue in sig.cues:
            if cue.stance == "doubtful":
                verbs.setdefault(" ".join(cue.text.lower().split()), []).append(cue)
        for verb, cues in verbs.items():
            lines = [
                f"{self._link(cue.span, cue.text, quote=True)} {note('in')} "
                + self._statement_link(model, cue.statement, 70)
                for cue in cues
            ]
            label = verb + (f" ×{len(cues)}" if len(cues) > 1 else "")
            item(label, "warn", "<br>".join(lines), "verb")
        for stance in ("assertive", "neutral"):
            cues = [cue for cue in sig.cues if cue.stance == stance]
            if cues:
                words = ", ".join(self._link(cue.span, cue.text, quote=True) for cue in cues)
                item(f"{stance} verbs", "neutral", words, "verb")

        grouped = others_by_relation(sig)
        if grouped:
            section("Other sources in this article")
            tones = {"contradicting": "bad", "corroborating": "good", "related": "neutral"}
            for relation in ("contradicting", "corroborating", "related"):
                for other, pairs in grouped.get(relation, {}).items():
                    for r in unique_pairs(pairs):
                        shared = ", ".join(r.shared_words)
                        item(
                            relation,
                            tones[relation],
                            f"<b>{esc(names.get(other, other))}</b>: "
                            + self._statement_link(model, r.other_statement, 110)
                            + f"<br>{note('against')} "
                            + self._statement_link(model, r.statement, 80)
                            + (f"<br>{note('shared words: ' + esc(shared))}" if shared else ""),
                            relation,
                        )
        flush_rows()

        lib_id = model.links.get(src.id)
        if lib_id is not None:
            section("Elsewhere in your library")
            appearances = model.appearances.get(lib_id, [])
            if not appearances:
                out.append(f"<p style='margin-top:4px'>{note('Not quoted in other articles.')}</p>")
            for article_id, title, quoted in appearances:
                said = "<br>".join(_q(clip(t, 90)) for t in quoted[:2])
                more = f" (+{len(quoted) - 2})" if len(quoted) > 2 else ""
                out.append(
                    f"<p style='margin-top:6px'><a href='article:{int(article_id)}'"
                    f" style='text-decoration:none'>{esc(clip(title, 90))}</a>"
                    f"<br>{note(said + more)}</p>"
                )
        return "".join(out)

    # ---- links, rating, note ---------------------------------------------------------------

    def links(self) -> list[tuple[str, str]]:
        """(href, text) of every link shown: evidence ("span:a:b") and articles ("article:id")."""
        html = self.title.text() + self.body.text()
        return [(h, re.sub(r"<[^>]+>", "", t)) for h, t in LINK_RE.findall(html)]

    def activate(self, href: str) -> None:
        kind, _, rest = href.partition(":")
        try:
            if kind == "span":
                a, b = (int(x) for x in rest.split(":"))
                self.evidence_activated.emit(a, b)
            elif kind == "article":
                self.article_requested.emit(int(rest))
            elif kind == "help":
                self.help_requested.emit("" if rest == "top" else rest)
        except ValueError:
            return

    def _rating_clicked(self, button_id: int) -> None:
        if self.library_id is None or not 0 <= button_id < len(RATING_CHOICES):
            return
        value = RATING_CHOICES[button_id]
        self._style_rating(value)
        self.rating_label.setText(rating_label(value))
        self.rating_chosen.emit(self.library_id, value)

    def choose_rating(self, rating: int | None) -> None:
        """Click the button of a rating (as the user would)."""
        self.rating_buttons[rating].click()

    def _note_typed(self) -> None:
        if self.library_id is None:
            return
        self._pending = (self.library_id, self.note.toPlainText())
        self._note_timer.start()

    def flush(self) -> None:
        """Save the note being typed now (on a pause, or before showing another source)."""
        self._note_timer.stop()
        pending, self._pending = self._pending, None
        if pending is not None:
            self.note_edited.emit(*pending)
