"""The log file: where it is, and the rotating handler that sends the `reader` loggers there.

The CLI and the window both log to one file in the platform's user log folder
(`~/.local/state/reader/log/reader.log` on Linux), kept to about 1 MB with 3 older files.
Tracebacks of bugs and the reasons for every fallback go there, never to the user's screen.
"""

from __future__ import annotations

import logging
import logging.handlers
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


class _LogFile(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        """A log file that cannot be written (disk full) must not add lines to stderr."""


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
        new: logging.Handler = _LogFile(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:  # no writable log folder: drop the records rather than print them
        new = logging.NullHandler()
    new.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(new)
    root.setLevel(logging.INFO)
    return path
