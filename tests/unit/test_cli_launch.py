"""A plain launch's options are read without argparse, exactly as argparse would read them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cramp_coach import cli

# Words a command line may hold: the launch options (whole, with "=", abbreviated, doubled),
# the app's other options and commands, and values that look like options or numbers.
OPTIONS = [
    "--data-dir", "--routines", "--start", "--open", "--emergency", "--quit-when-done",
    "--data-dir=", "--start=", "--emergency=1", "--emerg", "--data", "--time-scale", "--version",
    "-h", "--", "-", "validate", "report",
]  # fmt: skip
VALUES = st.sampled_from(["", "/tmp/data", "-1", "-x", "a=b", "bedtime", "--data-dir", " "]) | st.text(max_size=6)
WORDS = (
    st.sampled_from(OPTIONS)
    | VALUES
    | st.builds(lambda option, value: option + value, st.sampled_from(OPTIONS), VALUES)
)


def argparse_reads(arguments: list[str]) -> object:
    return cli._app_parser().parse_args(arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--emergency"],
        ["--data-dir", "/tmp/data"],
        ["--data-dir=/tmp/data", "--emergency"],
        ["--routines", "/tmp/routines", "--start", "bedtime", "--quit-when-done"],
        ["--open", "bundle.zip", "--data-dir", "a=b"],
        ["--data-dir", "one", "--data-dir", "two"],
    ],
)
def test_the_usual_launches_are_read_without_argparse_as_argparse_reads_them(arguments: list[str]) -> None:
    assert cli.quick_launch(arguments) == argparse_reads(arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--emerg"],
        ["--data-dir"],
        ["--data-dir", "-x"],
        ["--emergency=1"],
        ["--time-scale", "10"],
        ["-h"],
        ["validate"],
    ],
)
def test_anything_else_is_left_to_argparse(arguments: list[str]) -> None:
    assert cli.quick_launch(arguments) is None


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(WORDS, max_size=5))
def test_whatever_is_read_without_argparse_is_read_as_argparse_reads_it(arguments: list[str]) -> None:
    quick = cli.quick_launch(arguments)
    if quick is not None:
        assert quick == argparse_reads(arguments)
