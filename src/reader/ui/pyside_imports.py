"""PySide6's look at every module imported after it, made a file read instead of `inspect`.

For its `__feature__` switches (snake_case, true_property), PySide6 asks of each module that
an import statement names once PySide6 is loaded — ours, and the standard library's that they
import again (typing, re, pathlib, …) — whether its source mentions "PySide6", with
`inspect.getsource` (path checks, linecache, decoding): some 100 modules at a start, 20–40 ms
of it. reader uses no `__feature__`; the answer is still given, the same one, from the file's
bytes. Where PySide6 lays this out differently, it is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"  # loaded by `import shiboken6`, before any Qt module
_MARK = "_reader_reads_bytes"


def read_sources_quickly() -> None:
    """Answer PySide6's "does this module use PySide6?" from the module file's bytes."""
    import shiboken6  # noqa: F401  (its import sets up the feature module)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, _MARK, False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
