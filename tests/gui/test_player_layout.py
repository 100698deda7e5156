"""The player's placement rule: words never cut, ring never too small, picture first to go."""

from __future__ import annotations

import itertools

import pytest

from cramp_coach.ui.screens.player_layout import PICTURE_MIN, RING_MIN, Arrangement, Box, arrange


def words(area: int) -> object:
    """Text that needs ``area`` square pixels, wrapped at any width (plus one line's height)."""
    return lambda width: area // max(1, width) + 40


def inside(box: Box, width: int, height: int) -> bool:
    x, y, w, h = box
    return x >= 0 and y >= 0 and x + w <= width and y + h <= height


def apart(a: Box, b: Box) -> bool:
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


def test_a_roomy_screen_has_words_beside_the_ring_and_the_picture() -> None:
    plan = arrange(1800, 800, words(200_000), picture=True)
    assert (plan.stacked, plan.scrolls) == (False, False)
    assert plan.picture is not None
    assert plan.ring[2] >= 400


def test_long_words_on_a_short_wide_screen_go_across_the_top() -> None:
    plan = arrange(1800, 700, lambda width: 800 if width < 1500 else 300, picture=True)
    assert plan.stacked
    assert plan.text[3] == 300
    assert plan.ring[1] >= 300


def test_words_that_fit_nowhere_scroll_but_only_once_the_picture_is_gone() -> None:
    plan = arrange(1000, 400, words(5_000_000), picture=True)
    assert plan.scrolls
    assert plan.picture is None
    assert plan.ring[2] >= RING_MIN


def test_the_ring_shrinks_to_its_smallest_before_the_words_scroll() -> None:
    # Largest text on a laptop: the words fit only in all the width the smallest ring leaves.
    width, height = 1300, 420
    widest = width - 24 - RING_MIN
    plan = arrange(width, height, lambda column: 400 if column >= widest else 900, picture=False)
    assert not plan.scrolls
    assert plan.text[2] == widest
    assert plan.ring[2] == RING_MIN


def test_scrolling_words_get_all_the_width_the_smallest_ring_leaves() -> None:
    plan = arrange(1300, 420, words(5_000_000), picture=False)
    assert plan.scrolls
    assert plan.ring[2] == RING_MIN


@pytest.mark.parametrize("picture", [True, False])
def test_every_arrangement_keeps_its_promises(picture: bool) -> None:
    for width, height, area in itertools.product(
        range(500, 2000, 150), range(RING_MIN, 1000, 70), (10_000, 150_000, 600_000, 3_000_000)
    ):
        plan: Arrangement = arrange(width, height, words(area), picture)
        boxes = [plan.text, plan.ring] + ([plan.picture] if plan.picture else [])
        assert all(inside(box, width, height) for box in boxes), (width, height, area, plan)
        assert all(apart(a, b) for a, b in itertools.combinations(boxes, 2)), (width, height, area, plan)
        assert plan.ring[2] == plan.ring[3] >= RING_MIN
        if plan.picture is not None:
            assert plan.picture[2] >= PICTURE_MIN[0]
            assert plan.picture[3] >= PICTURE_MIN[1]
            assert not plan.scrolls
        if not plan.scrolls:
            assert words(area)(plan.text[2]) <= plan.text[3]  # type: ignore[operator]
        if not picture:
            assert plan.picture is None
