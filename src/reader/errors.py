"""The one exception family of the core; every message is written for the person who reads it."""


class ReaderError(Exception):
    """Base of every error the core reports to a user (CLI: one line on stderr; window: a message)."""


class InputError(ReaderError):
    """A file, page or URL that cannot be read or is not an article."""


class StoreError(ReaderError):
    """The library database cannot be opened or written."""


class NotFoundError(ReaderError):
    """An article, source or annotation that the user named does not exist."""


class ExportError(ReaderError):
    """An export that could not be written."""
