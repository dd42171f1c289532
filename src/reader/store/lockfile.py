"""The opening lock: a file `library.lock` in the data folder that one process at a time holds
while it checks, creates, migrates or installs the library file. Any number of processes
started together then agree on one library: the first builds it, the others wait and find it
ready. The lock is released when its file is closed (also when a process dies)."""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.errors import LibraryBusyError, StoreError

LOCK_NAME = "library.lock"
POLL_S = 0.05
QUIET_S = 0.5  # say nothing about a wait shorter than this (another process finishing its start)
READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


@contextmanager
def opening_lock(data_dir: Path, timeout: float, on_wait: Callable[[str], None]) -> Iterator[bool]:
    """Hold the opening lock of `data_dir` for the block. Yields True, or False when the folder
    cannot hold a lock file because it is read-only (nothing can be created there either).
    Raises LibraryBusyError after `timeout` seconds of waiting for another process."""
    path = data_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRNOS:
            yield False
            return
        raise StoreError(f"Cannot create the lock file {path}: {exc.strerror}") from exc
    try:
        _acquire(fd, path, timeout, on_wait)
        yield True
    finally:
        os.close(fd)  # closing the file releases the lock


def _acquire(fd: int, path: Path, timeout: float, on_wait: Callable[[str], None]) -> None:
    start = time.monotonic()
    told = False
    while not _try_lock(fd):
        waited = time.monotonic() - start
        if waited >= timeout:
            raise LibraryBusyError(
                f"The library in {path.parent} is in use by another program (still starting "
                f"after {timeout:g} s); it was left as it is."
            )
        if waited >= QUIET_S and not told:
            on_wait(
                f"another program is opening the library in {path.parent}; "
                f"waiting up to {timeout:g} s…"
            )
            told = True
        time.sleep(POLL_S)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # no fcntl: a byte-range lock on the file's first byte
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
