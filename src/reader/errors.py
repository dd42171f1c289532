"""The one exception family of the core, every message written for the person who reads it;
and the log file where tracebacks go instead of the user's screen."""

from pathlib import Path


class ReaderError(Exception):
    """Base of every error the core reports to a user (CLI: one line on stderr; window: a
    message)."""


class InputError(ReaderError):
    """A file, page or URL that cannot be read or is not an article."""


class PasswordNeeded(InputError):
    """An encrypted PDF opened with no password, or with a wrong one (`wrong`): the window asks
    for it, the CLI takes `--password`."""

    def __init__(self, message: str, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


class Cancelled(ReaderError):
    """The person stopped an import (raised by a progress callback); nothing was stored."""


class StoreError(ReaderError):
    """The library database cannot be opened or written."""


class LibraryBusyError(StoreError):
    """Another program holds the library (a write lock, or another reader opening it); the file
    was left as it is."""


class LibraryTooNewError(StoreError):
    """The library was made by a newer reader (a schema revision this version does not know);
    the file was left as it is."""


class LibraryUnavailableError(StoreError):
    """The library cannot be read or set up where it is (a link to a missing drive, a read-only
    place that needs an upgrade, a file that is not a reader library); the file was left as it
    is."""


class LibraryReadOnlyError(StoreError):
    """A change to a library that could only be opened read-only."""


class NotFoundError(ReaderError):
    """An article, source or annotation that the user named does not exist."""


class ConflictError(ReaderError):
    """An edit based on a version of a highlight, rating or note that changed meanwhile (another
    window, process or machine saved first): refused, never written over. `theirs` is what is
    stored now, `mine` what the edit would have written; the window shows both."""

    def __init__(self, message: str, theirs: object, mine: object) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.mine = mine


class ExportError(ReaderError):
    """An export that could not be written."""


def log_exception(exc: BaseException) -> Path:
    """Write the traceback of an unexpected error to the log file (reader.logs); returns the
    file's path, for the one line that tells the user where the details are."""
    import logging

    from reader.logs import setup_logging

    path = setup_logging()
    logging.getLogger("reader").error("unexpected error: %s", exc, exc_info=exc)
    return path
