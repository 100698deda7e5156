"""Fixtures for the Qt tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from tests.gui.layout_checks import reset_look, restyle, set_look


@pytest.fixture
def restore_app_style(qapp: QApplication) -> Iterator[None]:
    """The app styles the whole QApplication; later tests must not inherit it."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _app_look(app: QApplication) -> tuple[str, QPalette, QFont]:
    return app.styleSheet(), app.palette(), app.font()


@pytest.fixture(autouse=True)
def _app_look_left_as_found() -> Iterator[None]:
    """Fail a test that leaves the application's style sheet, palette or font changed.

    Widgets take their font, margins and colours from these, so a test that measures a
    widget (tests/gui/test_reading_checks.py measures a label before showing it) would
    pass or fail by which test ran before it. Catching the leak here names the test that
    leaks rather than the one that happens to run after it. The look is put back too, so
    one leak fails one test, not every test after it.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        yield  # no Qt application yet (a test without Qt): nothing to leak from
        return
    before = _app_look(app)
    yield
    after = _app_look(app)
    changed = [
        name for name, was, now in zip(("style sheet", "palette", "font"), before, after, strict=True) if was != now
    ]
    if changed:
        restyle(app, *before)
        pytest.fail(
            f"the test left the application's {', '.join(changed)} changed: restore it "
            "(reset_look after set_look, or the restore_app_style fixture)",
            pytrace=False,
        )


@pytest.fixture
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """One agreed look, for tests parametrized ``indirect`` with (window size, text size, theme):
    the app styled for it; yields the window size. (A module may define its own ``look``.)"""
    size, text, theme_name = request.param
    set_look(qapp, text=text, theme_name=theme_name)
    yield size
    reset_look(qapp)
