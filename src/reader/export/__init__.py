"""Exports of an article with the user's annotations: an annotated PDF (`reader.export.pdf`)."""
