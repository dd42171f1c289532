"""A small line chart of an outlet's shares per month, painted with QPainter (no QtCharts): one
line per share, a gap where a month has too few articles or statements to say, and a click on a
month reported as `month_clicked(month)`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

# the shares drawn, with colours told apart with any colour vision (Okabe–Ito)
LINES = (
    ("named", "Named", "#0072B2"),
    ("direct", "Verbatim", "#009E73"),
    ("hedged", "Hedged", "#E69F00"),
    ("doubtful", "Doubtful verbs", "#D55E00"),
)
DASHED = {"doubtful"}  # drawn dashed: hedged and doubtful often run together, both stay seen
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 12, 26, 34


@dataclass(frozen=True)
class MonthPoint:
    """One month: its label and each share (None: too few to say)."""

    month: str
    values: dict[str, float | None]


class OutletChart(QWidget):
    month_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[MonthPoint] = []
        self.empty_text = "No outlet selected"
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def set_points(self, points: list[MonthPoint], empty_text: str = "No months to show") -> None:
        self.points = list(points)
        self.empty_text = empty_text
        self.update()

    # ---- geometry ------------------------------------------------------------------------------

    def plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)

    def x_of(self, i: int) -> float:
        r = self.plot_rect()
        n = len(self.points)
        return r.center().x() if n <= 1 else r.left() + r.width() * i / (n - 1)

    def y_of(self, value: float) -> float:
        r = self.plot_rect()
        return r.bottom() - r.height() * max(0.0, min(1.0, value))

    def month_at(self, x: float) -> str | None:
        """The month whose column holds x (the nearest point), if any."""
        if not self.points:
            return None
        best = min(range(len(self.points)), key=lambda i: abs(self.x_of(i) - x))
        return self.points[best].month

    # ---- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        dim = QColor(text)
        dim.setAlphaF(0.55)
        grid = QColor(text)
        grid.setAlphaF(0.15)
        r = self.plot_rect()
        if not self.points:
            p.setPen(dim)
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        # the axis in per cent, with a grid line every 25
        p.setFont(self.font())
        for pct in (0, 25, 50, 75, 100):
            y = self.y_of(pct / 100)
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(dim)
            p.drawText(
                QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{pct}%",
            )
        # months along the bottom, as many labels as fit; a month with too few to say: "–"
        label_width = p.fontMetrics().horizontalAdvance("2026-00") + 12
        n = len(self.points)
        step = max(1, -(-n * label_width // max(1, int(r.width()) + label_width)))
        for i, pt in enumerate(self.points):
            x = self.x_of(i)
            if all(v is None for v in pt.values.values()):
                p.setPen(dim)
                p.drawText(
                    QRectF(x - 20, r.bottom() - 18, 40, 16), Qt.AlignmentFlag.AlignCenter, "–"
                )
            if i % step == 0:
                p.setPen(dim)
                box = QRectF(x - label_width / 2, r.bottom() + 4, label_width, 16)
                box.moveLeft(max(0.0, min(box.left(), self.width() - label_width)))
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, pt.month)
        if all(v is None for pt in self.points for v in pt.values.values()):
            p.setPen(dim)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, "too few articles in any month to say")
        # one line per share, broken where a month has no value
        for name, _label, colour in LINES:
            pen = QPen(QColor(colour), 2)
            if name in DASHED:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            prev: QPointF | None = None
            for i, pt in enumerate(self.points):
                value = pt.values.get(name)
                if value is None:
                    prev = None
                    continue
                here = QPointF(self.x_of(i), self.y_of(value))
                if prev is not None:
                    p.drawLine(prev, here)
                p.setBrush(QColor(colour))
                p.drawEllipse(here, 3, 3)
                prev = here
        # the legend across the top
        x = float(MARGIN_LEFT)
        fm = p.fontMetrics()
        for name, label, colour in LINES:
            key = QPen(QColor(colour), 3)
            if name in DASHED:
                key.setStyle(Qt.PenStyle.DashLine)
            p.setPen(key)
            p.drawLine(QPointF(x, 12), QPointF(x + 18, 12))
            p.setPen(text)
            p.drawText(QPointF(x + 22, 16), label)
            x += 22 + fm.horizontalAdvance(label) + 14

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            month = self.month_at(event.position().x())
            if month is not None:
                self.month_clicked.emit(month)
        super().mousePressEvent(event)
