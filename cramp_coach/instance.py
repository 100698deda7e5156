"""Hand a launch over to an app that is already running (the client side).

The running app listens on a local socket (``ui/single_instance.py``, a QLocalServer).
A second launch connects, says what it wants ("emergency" or "show"), waits for "ok",
and exits: the running window comes to the front, straight on Cramp now when asked.
On POSIX the socket is a Unix domain socket at a path we choose, so this side needs only
the standard library and the hand-over costs little more than Python's start-up;
elsewhere (Windows named pipes) it uses QLocalSocket.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

MESSAGES = ("show", "emergency")
#: How long a second launch waits for the running app to answer; a busy or loaded
#: machine can take a second or two, and starting a second app would be worse.
TIMEOUT_SECONDS = 3.0


def server_name(data_dir: Path) -> str:
    """One instance per user and data folder (tests and benchmarks use their own folders)."""
    # Two CRC-32s (zlib is loaded already; hashlib would cost the first frame): a name,
    # not a secret, so a checksum is enough to keep data folders apart.
    raw = str(data_dir.resolve()).encode()
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"[:12]
    if sys.platform == "win32":
        return f"cramp-coach-{digest}"
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base:
        import tempfile

        base = tempfile.gettempdir()
    return str(Path(base) / f"cramp-coach-{os.getuid()}-{digest}.sock")


def hand_over(name: str, message: str) -> bool:
    """Ask a running instance to show itself; True when it answered."""
    if message not in MESSAGES:
        raise ValueError(message)
    if sys.platform == "win32":
        return _hand_over_qt(name, message)
    if not os.path.exists(name):
        return False
    import socket  # only when someone may be listening: most launches never need it

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(TIMEOUT_SECONDS)
            connection.connect(name)
            connection.sendall(f"{message}\n".encode())
            return connection.recv(16).startswith(b"ok")
    except OSError:
        # Nobody listening (a stale socket from a crash) or no answer: start normally.
        return False


def _hand_over_qt(name: str, message: str) -> bool:  # pragma: no cover - Windows only
    # Named pipes need Qt's QLocalSocket; the Qt code lives with the server in ui/.
    from cramp_coach.ui.single_instance import hand_over_local_socket

    return hand_over_local_socket(name, message, TIMEOUT_SECONDS)
