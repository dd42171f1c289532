"""reader: a desktop news reader that shows who is speaking in an article and how far to
trust it."""

__version__ = "0.1.0"
