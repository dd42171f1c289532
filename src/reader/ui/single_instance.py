"""One window per library: a second `reader` started on the same data folder hands its
arguments to the first over a local socket and exits, so two processes never write one file."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return f"reader-{digest}"


def hand_over(data_dir: Path, path: str | None, timeout_ms: int = 1500) -> bool:
    """True when another instance owns this library and took our arguments."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(data_dir))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(json.dumps({"path": path}).encode() + b"\n")
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    ok = sock.waitForReadyRead(timeout_ms) and bytes(sock.readAll().data()).startswith(b"ok")
    sock.disconnectFromServer()
    return ok


def is_running(data_dir: Path, timeout_ms: int = 500) -> bool:
    """True when another instance listens on this library (it is asked for nothing)."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(data_dir))
    running = sock.waitForConnected(timeout_ms)
    sock.abort()
    return running


class InstanceServer(QObject):
    """Listens for later instances; `request` carries the path they were asked to open."""

    request = Signal(object)  # str | None

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(data_dir)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a killed process
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        try:
            msg = json.loads(bytes(sock.readLine().data()).decode() or "{}")
        except ValueError:
            msg = {}
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        self.request.emit(msg.get("path"))

    def close(self) -> None:
        self.server.close()
