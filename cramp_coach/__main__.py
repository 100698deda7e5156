"""``python -m cramp_coach`` runs the same entry point as the ``cramp-coach`` script."""

import sys

from cramp_coach.cli import main

sys.exit(main())
