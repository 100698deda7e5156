"""How the large-print screens size themselves to the window and the text size: pure arithmetic.

Cramp now makes three decisions on every resize (and when the urgent banner comes or
goes); the player uses the first, to keep its cautions in large print only where they fit:

- **compact**: in a window that is small *for the text size in use* (Largest text on a
  laptop, any text on a tiny window), the large print steps down one size and buttons
  drop the stylesheet's text-based minimum height, so nothing is clipped;
- **big-button height**: a fifth of the window's height on a roomy window, so a shaky
  hand in the dark cannot miss; a smaller share when room is short;
- **roomy**: on a screen big for the text size (a monitor at Normal), the words step up
  one size.
"""

from __future__ import annotations

import math

#: The share of the window's height every big button gets on a roomy window.
BIG_BUTTON_SHARE = 0.2
#: Below this window height (or when compact) the big buttons shrink to a smaller share,
#: so every page still fits.
BIG_BUTTON_MIN_WINDOW = 700
SMALL_WINDOW_SHARE = 0.14
#: A window less than this many lines of body text tall (or this many body-text
#: characters' worth wide) is compact. Measured in the text size in use, not pixels.
COMPACT_LINES_TALL = 30
COMPACT_LINES_WIDE = 50
#: The urgent banner takes about this many lines of the height while it shows.
BANNER_LINES = 5


def is_compact(width: int, height: int, *, body_px: int, banner_shown: bool) -> bool:
    """Whether a ``width`` x ``height`` window is small for body text of ``body_px`` pixels."""
    body = max(1, body_px)
    tall = COMPACT_LINES_TALL + (BANNER_LINES if banner_shown else 0)
    return height < tall * body or width < COMPACT_LINES_WIDE * body


#: A window at least this many lines of body text tall and characters wide is roomy:
#: the step's words step up one size (a monitor at the Normal text size).
ROOMY_LINES_TALL = 50
ROOMY_LINES_WIDE = 95


def is_roomy(width: int, height: int, *, body_px: int) -> bool:
    """Whether a ``width`` x ``height`` window is big for body text of ``body_px`` pixels."""
    body = max(1, body_px)
    return height >= ROOMY_LINES_TALL * body and width >= ROOMY_LINES_WIDE * body


def big_button_height(height: int, *, compact: bool) -> int:
    """The minimum height of every big button in a window ``height`` pixels tall."""
    roomy = height >= BIG_BUTTON_MIN_WINDOW and not compact
    return math.ceil(height * (BIG_BUTTON_SHARE if roomy else SMALL_WINDOW_SHARE)) + 1
