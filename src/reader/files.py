"""Writing a file at a path the user chose (every export): the file appears complete or not at
all, nothing but a regular file is ever replaced, and every failure is one clear line.

How a write goes, and why:

- A symlink is followed: its target is written and the link stays a link (replacing the link
  by a plain file would leave the file the user meant untouched).
- A path that exists and is not a regular file (a folder, a device such as /dev/null, a FIFO, a
  socket) is refused: renaming over it would destroy it, and as root even /dev/full.
- The bytes go to a temporary file in the target's folder (same file system, so the final
  `os.replace` is atomic), named `.NAME.reader-XXXXXXXX.tmp`: hidden, clearly ours, and never
  mistaken for the output. It is removed on any failure, including KeyboardInterrupt and
  SystemExit. Then fsync, `os.replace`, and an fsync of the folder.
- An existing file keeps its permission bits (and, where allowed, its owner and group); a new
  file gets 0o666 minus the umask, as a plain `open()` would: the temporary file is created with
  `os.open(..., 0o666)`, which the kernel masks with the umask (`mkstemp` would give 0o600).
- A process killed with SIGKILL cannot clean up, so each write first removes the temporary
  files of ours in that folder older than `STALE_AFTER_S`; a younger one may belong to an
  export still running in another process, and is left alone.
- Every OSError becomes an `ExportError` "Cannot write PATH: REASON" with a reason written for
  people ("the disk is full", "permission denied"), which the CLI prints as one line.

A replaced file is a new inode: hard links to the old file keep the old content.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reader.errors import ExportError

log = logging.getLogger(__name__)

TEMP_MARK = ".reader-"
STALE_AFTER_S = 15 * 60  # far longer than any export takes, short enough to tidy up the same day
_TEMP_NAME = re.compile(r"^\..*\.reader-[0-9a-f]{8}\.tmp$", re.DOTALL)
_NAME_BYTES = 180  # room for ".", ".reader-XXXXXXXX.tmp" within the usual 255-byte name limit

_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    getattr(errno, "EDQUOT", -1): "the disk quota is exceeded",  # not defined on Windows
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ELOOP: "too many levels of symbolic links",
    errno.EFBIG: "the file is too large for this file system",
    errno.EIO: "an input/output error (is the disk still there?)",
    errno.ETXTBSY: "the file is in use",
}


def reason(e: OSError) -> str:
    """What went wrong, in a few words for the person reading the message."""
    if e.errno in _REASONS:
        return _REASONS[e.errno]
    return (e.strerror or str(e)).lower()


def cannot_write(path: Path | str, e: OSError) -> ExportError:
    """The one-line error for a failed write of `path`."""
    log.info("cannot write %s: %r", path, e)  # info: the user gets the message itself
    return ExportError(f"Cannot write {path}: {reason(e)}")


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write `data` at `path` safely (see the module docstring); returns the path as given."""
    with open_output(path) as fh:
        fh.write(data)
    return Path(path).expanduser()


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` at `path` safely (see the module docstring); returns the path as given."""
    return write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def open_output(path: Path | str) -> Iterator[BinaryIO]:
    """A binary file to write the new content of `path` into; it replaces `path` when the block
    ends normally and is removed if the block raises. The checks (folder exists and is
    writable, `path` is not a device or folder) happen on entry, before the caller does any
    slow work. An OSError inside the block is reported as a failed write of `path`."""
    given = Path(path).expanduser()
    target = Path(os.path.realpath(given))
    existing = _existing(given, target)
    remove_stale(target.parent)
    fd, tmp = _create_temporary(given, target)
    fh: BinaryIO | None = None
    try:
        fh = os.fdopen(fd, "wb")
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
        if existing is not None:
            _keep_owner_and_mode(fh.fileno(), tmp, existing)
        fh.close()
        os.replace(tmp, target)
    except OSError as e:
        _discard(fh, fd, tmp)
        raise cannot_write(given, e) from e
    except BaseException:
        _discard(fh, fd, tmp)
        raise
    _sync_folder(target.parent)


def remove_stale(folder: Path) -> list[Path]:
    """Remove our temporary files in `folder` older than STALE_AFTER_S (left by a killed
    export); returns what was removed. Best effort: a folder we cannot list is skipped."""
    removed: list[Path] = []
    cutoff = time.time() - STALE_AFTER_S
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if TEMP_MARK not in entry.name or not _TEMP_NAME.match(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed.append(Path(entry.path))
    except OSError as e:
        log.debug("no stale temporary files removed in %s: %r", folder, e)
    if removed:
        log.info("removed stale temporary files: %s", removed)
    return removed


def _existing(given: Path, target: Path) -> os.stat_result | None:
    """The stat of the file to be replaced, None if there is none; refuses what is not a
    regular file."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None  # a new file (or a dangling link, whose target is created)
    except OSError as e:
        raise cannot_write(given, e) from e
    if stat.S_ISREG(st.st_mode):
        return st
    if stat.S_ISDIR(st.st_mode):
        what = "it is a folder"
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        what = "it is a device, not a file"
    elif stat.S_ISFIFO(st.st_mode):
        what = "it is a named pipe (FIFO), not a file"
    elif stat.S_ISSOCK(st.st_mode):
        what = "it is a socket, not a file"
    else:
        what = "it is not a regular file"
    raise ExportError(f"Cannot write {given}: {what}")


def _create_temporary(given: Path, target: Path) -> tuple[int, str]:
    name = os.fsdecode(os.fsencode(target.name)[:_NAME_BYTES])
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = str(target.parent / f".{name}{TEMP_MARK}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp  # the umask applies, as for a plain open()
        except FileExistsError:
            continue  # 1 in 4 billion: draw another name
        except OSError as e:
            raise cannot_write(given, e) from e


def _keep_owner_and_mode(fd: int, tmp: str, old: os.stat_result) -> None:
    mine = os.fstat(fd)
    if hasattr(os, "fchown") and (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        # only root may give a file away; anyone may keep the group if they belong to it
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
    os.chmod(tmp, stat.S_IMODE(old.st_mode))  # after chown, which may clear setuid bits


def _discard(fh: BinaryIO | None, fd: int, tmp: str) -> None:
    with contextlib.suppress(OSError):
        if fh is not None:
            fh.close()  # may fail again flushing on a full disk; the file is closed anyway
        else:
            os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible everywhere (Windows), so best effort."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
