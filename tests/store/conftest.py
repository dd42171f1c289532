"""Shared by the store tests: running a command with a folder made read-only for real."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ReadOnlyRun = Callable[[Path, list[str]], "subprocess.CompletedProcess[str]"]


def run_read_only(folder: Path, cmd: list[str]) -> subprocess.CompletedProcess[str]:
    """Run `cmd` with `folder` read-only. As root, permissions do not stop a write, so the
    folder is bind-mounted read-only in a private mount namespace (unshare); otherwise its mode
    is enough."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=55)
        finally:
            folder.chmod(0o755)
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", str(folder), *cmd],
        capture_output=True,
        text=True,
        timeout=55,
    )


@pytest.fixture
def read_only() -> ReadOnlyRun:
    """`read_only(folder, cmd)`: run `cmd` with `folder` read-only for real."""
    return run_read_only
