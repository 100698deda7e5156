"""Where the main window opens: on a screen, inside it, at a size that fits.

The window remembers its size, position and full-screen state in the settings file.
A remembered place can stop making sense: the second monitor was unplugged, the
laptop now has a smaller screen, or the file was edited by hand. :func:`fit` then
repairs it: the window goes to the screen it overlaps most (or the primary one), is
made no larger than that screen's available area (without panels and docks), and is
moved fully inside it.

Rectangles are plain ``(x, y, width, height)`` tuples so the rules are tested
without real screens.
"""

from __future__ import annotations

Rect = tuple[int, int, int, int]

DEFAULT_SIZE = (1100, 780)
MINIMUM_SIZE = (640, 480)
# A remembered window must show at least this much of itself on a screen to stay there.
MIN_VISIBLE = (200, 120)


def _overlap(a: Rect, b: Rect) -> tuple[int, int]:
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, width), max(0, height)


def _centred(size: tuple[int, int], screen: Rect) -> Rect:
    width, height = min(size[0], screen[2]), min(size[1], screen[3])
    return (screen[0] + (screen[2] - width) // 2, screen[1] + (screen[3] - height) // 2, width, height)


def default_geometry(primary: Rect) -> Rect:
    """The first start: the usual size, or 90 % of a smaller screen, centred on it."""
    size = (min(DEFAULT_SIZE[0], round(primary[2] * 0.9)), min(DEFAULT_SIZE[1], round(primary[3] * 0.9)))
    return _centred(size, primary)


def fit(saved: Rect | None, screens: list[Rect], primary: Rect) -> Rect:
    """The geometry to open with: ``saved`` if it still fits a screen, else repaired.

    ``screens`` are the available geometries of all screens (``primary`` among them).
    """
    if saved is None or saved[2] <= 0 or saved[3] <= 0:
        return default_geometry(primary)
    best, best_area = primary, -1
    for screen in screens:
        width, height = _overlap(saved, screen)
        if width >= MIN_VISIBLE[0] and height >= MIN_VISIBLE[1] and width * height > best_area:
            best, best_area = screen, width * height
    if best_area < 0:
        # Off every screen (a monitor was removed): keep the size if it fits, centre it.
        return _centred((saved[2], saved[3]), primary)
    width, height = min(saved[2], best[2]), min(saved[3], best[3])
    x = min(max(saved[0], best[0]), best[0] + best[2] - width)
    y = min(max(saved[1], best[1]), best[1] + best[3] - height)
    return (x, y, width, height)


def screen_of(rect: Rect, screens: list[Rect], primary: Rect) -> Rect:
    """The screen ``rect`` overlaps most (the primary one if none)."""
    best, best_area = primary, 0
    for screen in screens:
        width, height = _overlap(rect, screen)
        if width * height > best_area:
            best, best_area = screen, width * height
    return best


def minimum_for(screen: Rect) -> tuple[int, int]:
    """The window's minimum size, never larger than the first-start size on that screen."""
    return min(MINIMUM_SIZE[0], round(screen[2] * 0.9)), min(MINIMUM_SIZE[1], round(screen[3] * 0.9))


def parse(text: object) -> Rect | None:
    """A geometry stored as ``"x,y,width,height"``; None if missing or unreadable."""
    try:
        parts = [int(part) for part in str(text).split(",")]
    except ValueError:
        return None
    if len(parts) != 4 or parts[2] <= 0 or parts[3] <= 0:
        return None
    return (parts[0], parts[1], parts[2], parts[3])


def format_rect(rect: Rect) -> str:
    return ",".join(str(value) for value in rect)
