"""When feeds refresh by themselves: once after the window is first shown (in the background,
after its first paint) and then every 15 min / 30 min / 1 h / 4 h, or never — the choice in
Feeds → Refresh Automatically, remembered in the window's QSettings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

SETTING = "feeds/refresh_minutes"
DEFAULT_MINUTES = 60
CHOICES = (
    (15, "Every 15 Minutes"),
    (30, "Every 30 Minutes"),
    (60, "Every Hour"),
    (240, "Every 4 Hours"),
    (0, "Never"),
)
# after the window is shown: its first paint and the article's opening go first
START_DELAY_MS = 800


def saved_minutes(settings) -> int:
    """The remembered interval; anything unreadable or not offered is the default."""
    try:
        minutes = int(str(settings.value(SETTING, DEFAULT_MINUTES)))
    except ValueError:
        return DEFAULT_MINUTES
    return minutes if minutes in dict(CHOICES) else DEFAULT_MINUTES


class RefreshSchedule(QObject):
    """The refresh on start and the interval timer of a FeedsFeature; `menu` holds the choice."""

    def __init__(self, feature, menu: QMenu) -> None:
        super().__init__(feature)
        self.feature = feature
        self.window = feature.window
        self.minutes = saved_minutes(self.window.settings)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._due)
        self.start_timer = QTimer(self)
        self.start_timer.setSingleShot(True)
        self.start_timer.setInterval(START_DELAY_MS)
        self.start_timer.timeout.connect(self._due)
        self.started = False  # the start refresh is asked for once, at the first Show
        self.menu = menu.addMenu("Refresh &Automatically")
        group = QActionGroup(self)
        self.actions: dict[int, QAction] = {}
        for minutes, text in CHOICES:
            act = QAction(text, self.menu, checkable=True)
            act.setChecked(minutes == self.minutes)
            act.triggered.connect(lambda _=False, m=minutes: self.set_minutes(m))
            group.addAction(act)
            self.menu.addAction(act)
            self.actions[minutes] = act
        self._arm()
        self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show and not self.started:
            self.started = True
            if self.minutes:  # "Never" means no refresh but the ones asked for (F5)
                self.start_timer.start()
        return False

    def set_minutes(self, minutes: int) -> None:
        """A new interval, remembered at once (a crash later does not lose it)."""
        self.minutes = minutes
        self.actions[minutes].setChecked(True)
        if self.window.persist:
            self.window.settings.setValue(SETTING, minutes)
            self.window.settings.sync()
        self._arm()

    def _arm(self) -> None:
        if self.minutes:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def _due(self) -> None:
        if self.window.persist and self.window.isVisible():  # not in --screenshot mode
            self.feature.refresh(automatic=True)
