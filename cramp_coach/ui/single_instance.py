"""The running app's side of the single-instance hand-over (see ``cramp_coach/instance.py``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
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
        if not self.listening:
            log.warning("single-instance server unavailable: %s", self._server.errorString())

    def close(self) -> None:
        self._server.close()

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
