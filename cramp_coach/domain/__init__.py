"""Qt-free domain: routines, doses, the Cramp-now protocol, the timeline and the Player.

Only the standard library may be imported here; ``tests/unit/test_architecture.py``
and ruff's banned-import rule enforce it.
"""
