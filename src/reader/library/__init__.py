"""The library: everything the window and the CLI do with the user's articles, through one
object, `Library` (operations.py), and the views it hands back (views.py).

    operations.py   Library: import, open, delete and restore articles; delegates the rest
    views.py        the dataclasses the window gets (ArticleView, ArticleInfo, HighlightInfo…)
    rows.py         stored rows → analysis and view (the one converter, for every read path)
    analyses.py     storing an article's analysis, reading it back, re-analysing stale ones
    identity.py     which library-wide source an article's source is (names, surnames, links)
    sources.py      library-wide sources: counts, appearances, the user's rating and note
    corrections.py  the user's corrections: recorded, anchored, re-mapped, undone
    highlights.py   highlights, notes and note drafts
    exports.py      the annotated PDF, W3C JSON-LD and Markdown
    importing.py    adding a document (found again when stored; a changed page replaced)
    backups.py      the daily backup made at opening
    paths.py        the data folder, the bundled sample and the starter library file
    starter.py      putting the starter library in place on a first launch; making it
    outlets.py      each outlet's sourcing profile (named, verbatim, hedged… per month); not
                    imported here: only `reader outlets` and the Outlets dialog need it

Nothing in this package imports Qt.
"""

from reader.library.identity import source_key
from reader.library.operations import Library
from reader.library.paths import (
    SAMPLE_NAME,
    STARTER_NAME,
    default_data_dir,
    prepare_opening,
    sample_path,
    starter_path,
)
from reader.library.rows import analyze_segments
from reader.library.sources import LibrarySourceInfo, SourceAppearance
from reader.library.starter import build_starter_library, install_starter_library
from reader.library.views import ArticleBundle, ArticleInfo, ArticleView, HighlightInfo, NoteDraft

__all__ = [
    "SAMPLE_NAME",
    "STARTER_NAME",
    "ArticleBundle",
    "ArticleInfo",
    "ArticleView",
    "HighlightInfo",
    "Library",
    "LibrarySourceInfo",
    "NoteDraft",
    "SourceAppearance",
    "analyze_segments",
    "build_starter_library",
    "default_data_dir",
    "install_starter_library",
    "prepare_opening",
    "sample_path",
    "source_key",
    "starter_path",
]
