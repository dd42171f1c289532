"""The log file: where it is, and the rotating handler that sends the `reader` loggers there.

The CLI and the window both log to one file in the platform's user log folder
(`~/.local/state/reader/log/reader.log` on Linux), kept to about 1 MB with 3 older files.
Tracebacks of bugs and the reasons for every fallback go there, never to the user's screen.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "reader.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


def log_dir() -> Path:
    """The folder of the log file (the platform's user log folder for "reader")."""
    from platformdirs import user_log_path

    return user_log_path("reader", appauthor=False)


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _LogFile(logging.Handler):
    """The log file, rotated (logging.handlers.RotatingFileHandler). That module brings sockets,
    pickle and queues (some 7 ms of every start, the window's included), and most runs write no
    record: it is loaded with the first one, when the file is opened (it is opened then anyway).
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _rotating_file(self.baseFilename)
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A log file that cannot be written (disk full) must not add lines to stderr."""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _rotating_file(path: str) -> logging.Handler:
    """The handler that writes and rotates the file, as quiet as `_LogFile` about errors."""
    from logging.handlers import RotatingFileHandler

    class Quiet(RotatingFileHandler):
        def handleError(self, record: logging.LogRecord) -> None:
            """Not a line on stderr (see _LogFile.handleError)."""

    return Quiet(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)


def setup_logging() -> Path:
    """Send the records of every `reader.*` logger (INFO and above) to the log file, and not to
    stderr (Python's fallback for a logger with no handler), which keeps one line per error on
    the screen. Returns the log file's path. Called again, it keeps one handler, moved to the
    current log folder if that changed (tests give each test its own)."""
    root = logging.getLogger("reader")
    path = log_path()
    for handler in list(root.handlers):
        if isinstance(handler, _LogFile | logging.NullHandler):
            if getattr(handler, "baseFilename", None) == str(path.absolute()):
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new: logging.Handler = _LogFile(path)
    except OSError:  # no writable log folder: drop the records rather than print them
        new = logging.NullHandler()
    new.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(new)
    root.setLevel(logging.INFO)
    return path
