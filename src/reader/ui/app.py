"""Starting the window: the QApplication, fonts, the library, the first article, screenshots.

`run_gui` is what `reader` (without a subcommand) calls. Uncaught exceptions go to the log file
and show as one line in the window; nothing crashes silently.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication

# Qt is imported inside the functions: `run_gui` first imports what opening the library needs
# (see reader.library.prepare_opening), which costs less before PySide6 is loaded.

SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_TIMEOUT_S = 60.0
COLLECT_AFTER_MS = 5000  # the cyclic GC comes back then at the latest (no article opened)
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


def application() -> QApplication:
    """The one QApplication, named so that QSettings and log folders are "reader"'s."""
    from reader.ui.pyside_imports import read_sources_quickly

    read_sources_quickly()  # before the Qt modules: then every import after them is quicker
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    QApplication.setApplicationName("reader")
    QApplication.setOrganizationName("reader")
    QApplication.setApplicationDisplayName("reader")
    QGuiApplication.setDesktopFileName("reader")
    _ensure_fonts()
    return app  # type: ignore[return-value]


def _ensure_fonts() -> None:
    """Offscreen platforms may see no system fonts: load DejaVu so text never renders as boxes."""
    from PySide6.QtGui import QFontDatabase

    if "DejaVu Serif" in QFontDatabase.families() and QFontDatabase.families():
        return
    for folder in FONT_DIRS:
        d = Path(folder)
        if d.is_dir():
            for f in sorted(d.glob("*.ttf")):
                QFontDatabase.addApplicationFont(str(f))


def run_gui(
    data_dir: Path | None,
    path: str | None,
    screenshot: Path | None = None,
    password: str | None = None,
    database: str | None = None,
) -> int:
    """Open the window (on `path`, else the last article, else the sample); with `screenshot`,
    save a PNG of the window once the article and its sources show, and exit. `password`
    opens `path` when it is an encrypted PDF. `database` names the library (--database URL; see
    reader.store.location)."""
    # Start-up makes some 40,000 objects that live as long as the window (modules, classes,
    # Qt wrappers): the cyclic GC would scan them again and again, about a tenth of the
    # start-up, and free nothing. It is off until the first article shows
    # (`_collect_after_first_article`), and back on whatever happens.
    gc.disable()
    try:
        return _run_gui(data_dir, path, screenshot, password, database)
    finally:
        gc.enable()


def _run_gui(
    data_dir: Path | None,
    path: str | None,
    screenshot: Path | None,
    password: str | None,
    database: str | None = None,
) -> int:
    from reader.logs import setup_logging

    setup_logging()  # the CLI's log file (reader.logs); records never reach stderr
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if screenshot is not None and headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reader.library import install_starter_library, prepare_opening

    def opening() -> None:
        from reader.library.backups import back_up_ahead, installed_now

        # first launch: the analysed sample, not backed up today (see reader.library.backups)
        if path is None and install_starter_library(data_dir, database):
            installed_now(data_dir, database)
        back_up_ahead(data_dir, database)  # today's, if due: a file copy and a sync, off the GIL
        prepare_opening(data_dir, database)

    # a first launch's copy of the starter library is file writes and syncs, which release
    # the GIL: they go on while this thread loads Qt
    opened = _on_a_thread(opening)
    app = application()
    from PySide6.QtCore import QTimer

    from reader.errors import ReaderError
    from reader.library import Library
    from reader.ui.icons import app_icon
    from reader.ui.main_window import MainWindow, settings_for
    from reader.ui.read_ahead import read_ahead

    app.setWindowIcon(app_icon())
    from reader.library.paths import instance_key

    instance = instance_key(data_dir, database)  # one window per library, whichever it is
    if screenshot is None and (code := _handed_to_running_instance(instance, path)) is not None:
        return code
    opened()
    try:
        library = Library(data_dir, database=database)
    except ReaderError as exc:  # busy, newer, linked away, read-only, …: the file is untouched
        return _cannot_open(exc, ask=screenshot is None)
    settings = settings_for(library.data_dir)
    ahead = read_ahead(library, settings, path, screenshot is not None)  # while it is built
    window = MainWindow(library, settings=settings)
    from reader.ui.library_label import show_library

    show_library(window, library)  # a team library (or another file) is named in the status bar
    _collect_after_first_article(window)
    if path and password:
        window.pdf_opening().passwords[path] = password
    server = None
    if screenshot is None:
        from reader.ui.single_instance import InstanceServer

        server = InstanceServer(instance, window)
        server.request.connect(lambda p: _raise_and_open(window, p))
        _quit_on_sigterm(window)
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook(window, previous_hook)
    try:
        if screenshot is not None:
            return _screenshot(app, window, path, Path(screenshot), ahead)
        window.show()
        if library.warning:
            warning = library.warning
            QTimer.singleShot(0, lambda: window.show_message(warning, error=True))
        window.open_start(path, ahead)
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        window.ops.wait()
        library.close()


def _on_a_thread(step: Callable[[], None]) -> Callable[[], None]:
    """Start `step` on a thread; the function returned waits for it and raises what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            step()
        except BaseException as exc:  # raised again in the thread that waits for it
            raised.append(exc)

    thread = threading.Thread(target=run, name="reader-opening", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if raised:
            raise raised[0]

    return wait


def _collect_after_first_article(window) -> None:
    """Turn the cyclic GC back on once the first article shows (or after COLLECT_AFTER_MS),
    what start-up made frozen first: it lives as long as the window, never scanned again."""
    from PySide6.QtCore import QTimer

    def once(*_args: object) -> None:
        if not gc.isenabled():
            _collect_from_now_on()

    # timers with the window as their context: ones outliving it (a test's, a screenshot's)
    # must not turn the collector on in another start
    window.article_opened.connect(lambda _view: QTimer.singleShot(0, window, once))
    QTimer.singleShot(COLLECT_AFTER_MS, window, once)


def _collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()


def _cannot_open(exc: Exception, ask: bool) -> int:
    """The library cannot be opened: one line on stderr and, for a person at the window, the
    same sentence in a message box (no window follows it). Exit code 2, as the CLI's errors."""
    from PySide6.QtWidgets import QMessageBox

    print(f"reader: {exc}", file=sys.stderr)
    if ask:
        QMessageBox.critical(None, "reader — cannot open the library", str(exc))
    return 2


def _handed_to_running_instance(data_dir: Path | None, path: str | None) -> int | None:
    """The exit code when a reader window already runs on this library (two processes never
    write one library): 0 when it took `path` from us, 2 when `path` is a missing file (said
    here on stderr, not only in that window); None when no window runs on it."""
    from reader.errors import InputError
    from reader.ingest import parse_address
    from reader.library import default_data_dir
    from reader.ui.single_instance import hand_over, is_running

    folder = Path(data_dir) if data_dir else default_data_dir()
    arg = path
    try:
        local = parse_address(path).path if path else None
    except InputError:  # an address reader cannot open goes as typed: the window says why
        local = None
    if local is not None:
        arg = str(local.resolve())
        if not Path(arg).exists() and is_running(folder, timeout_ms=500):
            print(f"reader: Cannot open {local.name}: no such file", file=sys.stderr)
            return 2
    if hand_over(folder, arg, timeout_ms=500):
        print(
            "reader: already running on this library; the window there was asked to open "
            + (path or "itself")
        )
        return 0
    return None


def _raise_and_open(window, path: str | None) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
    if path:
        window.open_path(path)


def _quit_on_sigterm(window) -> None:
    """SIGTERM (a session logging out, `kill`, CI) closes the window like File → Quit, so state
    is saved. A timer lets the interpreter run the Python signal handler while Qt's loop runs."""
    import signal

    from PySide6.QtCore import QTimer

    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGTERM, handler)
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def _screenshot(app: QApplication, window, path: str | None, out: Path, ahead=None) -> int:
    from PySide6.QtCore import QBuffer, QCoreApplication, QEventLoop, QIODevice

    from reader.errors import ExportError
    from reader.files import write_bytes

    window.persist = False
    window.setFixedSize(*SCREENSHOT_SIZE)
    window.show()
    if window.library.warning:
        window.show_message(window.library.warning, error=True)
    opened: list[object] = []
    window.article_opened.connect(opened.append)
    window.open_start(path, ahead)
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    loop = QEventLoop()
    while not opened and time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        window.ops.wait(50)
    # let pending results (an error message after a fallback) and layout settle; the window
    # is painted first, while the database thread reads what follows the article (its
    # sources' ratings, highlights, a note draft), not after it
    for _ in range(5):
        QCoreApplication.processEvents()
        window.ops.wait(200)
    QCoreApplication.processEvents()
    png = QBuffer()
    png.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = _painted(window).save(png, "PNG")
    window.close()
    QCoreApplication.processEvents()
    window.deleteLater()
    QCoreApplication.processEvents()
    if not ok:
        print(f"reader: cannot encode the screenshot {out}", file=sys.stderr)
        return 2
    try:  # written as every export is (reader.files): links followed, no partial file
        write_bytes(out, bytes(png.data().data()))
    except ExportError as e:
        print(f"reader: {e}", file=sys.stderr)
        return 2
    return 0


def _painted(window) -> QPixmap:
    """The window as it was last painted. On the offscreen platform that is its backing store
    (what a screen would show), taken without painting every widget again as `grab()` does;
    elsewhere (a real screen may not give its pixels back: Wayland) `grab()`."""
    from PySide6.QtGui import QGuiApplication

    handle = window.windowHandle()
    if QGuiApplication.platformName() == "offscreen" and handle is not None:
        shot = handle.screen().grabWindow(window.winId())
        if shot.size() == window.size() * window.devicePixelRatio():
            return shot
    return window.grab()


def _excepthook(window, previous):
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from PySide6.QtWidgets import QApplication

        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from reader.errors import log_exception

        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        log = log_exception(exc)
        try:
            window.show_message(f"Internal error: {exc} (details in {log})", error=True)
        except RuntimeError:  # the window is already gone
            print(f"reader: internal error: {exc} (details in {log})", file=sys.stderr)

    return hook
