"""Cramp now, in parts: the controller (timer, sound, diary) and one small module per page.

The screen that arranges them is :mod:`cramp_coach.ui.screens.cramp_screen`; the rules
live in the Qt-free :mod:`cramp_coach.domain.cramp_flow`. The locations page is the only
one built before the first paint of a cold ``--emergency`` start, so it imports nothing
heavy.
"""
