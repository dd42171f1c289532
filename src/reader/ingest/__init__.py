"""Turning files, web pages and URLs into article text plus metadata."""

from reader.ingest.address import is_web_address, parse_address
from reader.ingest.document import ImportedDocument
from reader.ingest.files import read_path
from reader.ingest.reading import read_address

__all__ = ["ImportedDocument", "is_web_address", "parse_address", "read_address", "read_path"]
