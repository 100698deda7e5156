"""Installing the desktop launchers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach import cli, desktop


def test_install_writes_launchers_with_the_real_command(tmp_path: Path) -> None:
    written = desktop.install(tmp_path / "applications", "/opt/venv/bin/cramp-coach")
    now = (tmp_path / "applications" / "cramp-coach-now.desktop").read_text()
    assert "Exec=/opt/venv/bin/cramp-coach --emergency" in now
    main = (tmp_path / "applications" / "cramp-coach.desktop").read_text()
    assert "Exec=/opt/venv/bin/cramp-coach\n" in main
    assert "Exec=/opt/venv/bin/cramp-coach --emergency" in main  # the "Cramp now" action
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "cramp-coach.svg") in written
    assert not list((tmp_path / "applications").glob("*.partial"))


def test_cli_install_desktop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["install-desktop", "--dir", str(tmp_path / "apps")]) == 0
    assert capsys.readouterr().out.count("wrote ") == 3
