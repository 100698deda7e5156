"""The running app's side of the single-instance hand-over (see ``cramp_coach/instance.py``).

On POSIX the server is a socket file (``$XDG_RUNTIME_DIR/cramp-coach-<uid>-<hash>.sock``).
It is removed when the app quits, however it quits: :meth:`InstanceServer.close` runs
when the application is about to quit (normal quit, Ctrl+C or SIGTERM through the
termination handler) and again at interpreter exit (the fallback removes the file only
while it is still the one this process made). Only a SIGKILL or a power cut leaves it
behind; the next start then removes it before listening.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from cramp_coach.instance import MESSAGES

log = logging.getLogger(__name__)


class InstanceServer(QObject):
    """Listens for later launches.

    Signals:
        message_received(str): "show" or "emergency" from a second launch.
    """

    message_received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        # A socket left behind by a crash would make listen() fail: the caller has
        # already tried to hand over (nobody answered), so it is safe to remove.
        QLocalServer.removeServer(name)
        self.listening = self._server.listen(name)
        self._socket_file: tuple[str, int, int] | None = None
        if not self.listening:
            log.warning("single-instance server unavailable: %s", self._server.errorString())
            return
        path = self._server.fullServerName()
        with contextlib.suppress(OSError):
            made = os.stat(path)
            self._socket_file = (path, made.st_dev, made.st_ino)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.close)
        atexit.register(self._remove_socket_file)

    def close(self) -> None:
        """Stop listening and remove the socket file (safe to call more than once)."""
        if self.listening:
            self._server.close()
            self.listening = False
        self._remove_socket_file()

    def _remove_socket_file(self) -> None:
        if self._socket_file is None:
            return
        path, device, inode = self._socket_file
        self._socket_file = None
        with contextlib.suppress(OSError):
            now = os.stat(path)
            if (now.st_dev, now.st_ino) == (device, inode):  # still ours, not a newer instance's
                os.unlink(path)

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.setParent(self)
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        message = bytes(connection.readLine().data()).decode(errors="replace").strip()
        connection.write(b"ok\n")
        connection.flush()
        connection.disconnectFromServer()
        connection.deleteLater()
        if message in MESSAGES:
            self.message_received.emit(message)


def hand_over_local_socket(name: str, message: str, timeout: float) -> bool:  # pragma: no cover - Windows only
    """The client side of the hand-over where Unix sockets are not available."""
    connection = QLocalSocket()
    connection.connectToServer(name)
    milliseconds = int(timeout * 1000)
    if not connection.waitForConnected(milliseconds):
        return False
    connection.write(f"{message}\n".encode())
    connection.waitForBytesWritten(milliseconds)
    ok = connection.waitForReadyRead(milliseconds) and bytes(connection.readAll().data()).startswith(b"ok")
    connection.disconnectFromServer()
    return ok
