"""Every text colour in the stylesheet is readable on every background it can sit on.

Night (and the Cramp-now palette, used at night): at least 7:1, WCAG 2 level AAA,
muted text included. Day: at least 4.5:1 (AA). The pairs come from the stylesheet
template itself, so a new rule is checked without anyone listing it here.
"""

from __future__ import annotations

import re

import pytest

from cramp_coach import paths
from cramp_coach.ui import theme

TARGET = {"night": 7.0, "cramp": 7.0, "day": 4.5}
# A text with no background of its own sits on the page or on a card.
PAGE_BACKGROUNDS = ("bg", "surface")
# Rules whose text sits on a parent's background that the rule itself does not name.
INHERITED_BACKGROUND = {'QPushButton[role="primary"] QLabel': "accent"}

_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
_VAR = re.compile(r"@(\w+)")


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_pairs() -> set[tuple[str, str, str]]:
    """(selector, text colour name, background colour name) for every coloured text in app.qss."""
    template = (paths.builtin_assets_dir() / "style" / "app.qss").read_text(encoding="utf-8")
    template = re.sub(r"/\*.*?\*/", "", template, flags=re.DOTALL)
    template = re.sub(r"\$\{(\w+)\}", r"@\1", template)  # placeholders without braces, to split the rules
    pairs = set()
    for selectors, body in _RULE.findall(template):
        declarations = dict(
            (name.strip(), value.strip()) for name, _, value in (d.partition(":") for d in body.split(";")) if value
        )
        text = _VAR.fullmatch(declarations.get("color", ""))
        if text is None:
            continue
        background = _VAR.search(declarations.get("background", ""))
        for selector in (s.strip() for s in selectors.split(",")):
            if background is not None:
                grounds: tuple[str, ...] = (background.group(1),)
            elif selector in INHERITED_BACKGROUND:
                grounds = (INHERITED_BACKGROUND[selector],)
            else:
                grounds = PAGE_BACKGROUNDS
            pairs.update((selector, text.group(1), ground) for ground in grounds)
    return pairs


def test_the_stylesheet_has_text_rules_to_check() -> None:
    colours = {colour for _, colour, _ in text_pairs()}
    assert {"text", "muted", "accent", "on_accent", "on_cramp", "danger"} <= colours


@pytest.mark.parametrize("palette", [theme.NIGHT, theme.CRAMP, theme.DAY], ids=lambda p: p.name)
def test_every_text_meets_its_contrast_target(palette: theme.Palette) -> None:
    target = TARGET[palette.name]
    too_low = sorted(
        f"{selector}: {text} on {ground} is {ratio:.2f}:1"
        for selector, text, ground in text_pairs()
        if (ratio := contrast(getattr(palette, text), getattr(palette, ground))) < target
    )
    assert not too_low, f"{palette.name} needs {target}:1:\n  " + "\n  ".join(too_low)


@pytest.mark.parametrize("palette", [theme.NIGHT, theme.CRAMP, theme.DAY], ids=lambda p: p.name)
def test_the_countdown_and_the_phase_colours_read_on_the_page(palette: theme.Palette) -> None:
    # Drawn by widgets, not by the stylesheet: the ring's digits and the badge colours.
    target = TARGET[palette.name]
    for colour in ("text", "accent", "rest", "switch", "focus"):
        for ground in PAGE_BACKGROUNDS:
            assert contrast(getattr(palette, colour), getattr(palette, ground)) >= target, (colour, ground)


def test_contrast_arithmetic() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
