"""Turning files, web pages and URLs into article text plus metadata."""

from reader.ingest.document import ImportedDocument
from reader.ingest.files import read_path

__all__ = ["ImportedDocument", "read_path"]
