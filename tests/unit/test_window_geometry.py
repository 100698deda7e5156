"""Where the window opens: a remembered place is kept when it fits and repaired when it does not."""

from __future__ import annotations

import pytest

from cramp_coach.ui import window_geometry as wg

LAPTOP = (0, 0, 1366, 740)  # 1366x768 less a 28 px panel
NETBOOK = (0, 0, 1024, 576)
RIGHT_MONITOR = (1366, 0, 1920, 1050)


def inside(rect: wg.Rect, screen: wg.Rect) -> bool:
    x, y, w, h = rect
    return screen[0] <= x and screen[1] <= y and x + w <= screen[0] + screen[2] and y + h <= screen[1] + screen[3]


def test_first_start_is_centred_and_fits_a_small_screen() -> None:
    assert wg.fit(None, [NETBOOK], NETBOOK) == (51, 29, 922, 518)  # 90 % of 1024x576, centred
    assert wg.fit(None, [RIGHT_MONITOR], RIGHT_MONITOR)[2:] == wg.DEFAULT_SIZE


def test_a_remembered_place_that_fits_is_kept() -> None:
    assert wg.fit((100, 50, 900, 600), [LAPTOP], LAPTOP) == (100, 50, 900, 600)
    on_right = (1500, 100, 1200, 800)
    assert wg.fit(on_right, [LAPTOP, RIGHT_MONITOR], LAPTOP) == on_right


def test_a_window_from_a_removed_monitor_comes_back_to_the_primary_screen() -> None:
    repaired = wg.fit((1500, 100, 1200, 800), [LAPTOP], LAPTOP)
    assert inside(repaired, LAPTOP)
    assert repaired[2:] == (1200, 740)  # shrunk to the laptop's available height


def test_a_window_bigger_than_a_new_smaller_screen_is_shrunk_and_moved_inside() -> None:
    repaired = wg.fit((200, 100, 1800, 1000), [NETBOOK], NETBOOK)
    assert repaired == (0, 0, 1024, 576)


@pytest.mark.parametrize(
    "saved",
    [(-900, -700, 1000, 700), (1300, 700, 900, 600), (-10, 20, 1100, 780), (0, 0, 1, 1)],
    ids=["mostly-above-left", "hanging-off-bottom-right", "slightly-left", "tiny"],
)
def test_whatever_was_remembered_the_window_ends_inside_a_screen(saved: wg.Rect) -> None:
    repaired = wg.fit(saved, [LAPTOP, RIGHT_MONITOR], LAPTOP)
    assert inside(repaired, LAPTOP) or inside(repaired, RIGHT_MONITOR)


def test_only_a_sliver_on_a_screen_counts_as_off_screen() -> None:
    sliver = (1366 - 50, 300, 900, 600)  # 50 px on the laptop, the rest where a monitor used to be
    assert wg.fit(sliver, [LAPTOP], LAPTOP) == (233, 70, 900, 600)


@pytest.mark.parametrize("text", ["", "garbage", "1,2,3", "1,2,0,5", "a,b,c,d", None])
def test_unreadable_stored_geometry_reads_as_none(text: object) -> None:
    assert wg.parse(text) is None


def test_stored_geometry_round_trips() -> None:
    assert wg.parse(wg.format_rect((-20, 30, 800, 600))) == (-20, 30, 800, 600)


def test_minimum_size_never_exceeds_a_tiny_screen() -> None:
    assert wg.minimum_for((0, 0, 600, 400)) == (540, 360)
    assert wg.minimum_for(LAPTOP) == wg.MINIMUM_SIZE
