"""The frozen app's entry point (PyInstaller): the same ``cramp-coach`` command as a pip install."""

import os
import sys

# A windowed build (Windows, macOS) has no console: Python then sets sys.stdout and
# sys.stderr to None, and the first print or log line would fail. Send them nowhere instead.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115

from cramp_coach.cli import main

if __name__ == "__main__":
    sys.exit(main())
