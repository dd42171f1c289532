"""Following feeds: finding a site's feeds, fetching them politely (conditional GET, time and
size limits), reading RSS, Atom and JSON Feed into entries, refreshing many feeds at once with
back-off for failing ones, OPML import and export, and storing feeds and entries. Knows nothing
of Qt; reader.library's feed operations and the CLI sit on top."""
