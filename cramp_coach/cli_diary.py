"""``cramp-coach diary check`` and ``cramp-coach diary repair``: the diary file's health from the command line.

The logic is in :mod:`cramp_coach.storage.diary_health`, shared with the app's Repair
button; this module only prints. Exit status: ``check`` 0 healthy (or no diary yet),
1 damaged or unusable; ``repair`` 0 repaired or nothing to repair, 1 it could not be done.
"""

from __future__ import annotations

import argparse
import sys

from cramp_coach import paths

EXIT_OK, EXIT_ERRORS = 0, 1


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diary = commands.add_parser(
        "diary",
        help="check the diary file, or repair a damaged one",
        description="Check the diary file, or repair a damaged one (docs/diary.md).",
    )
    actions = diary.add_subparsers(dest="diary_action", metavar="ACTION", required=True)
    actions.add_parser(
        "check",
        help="check the diary file without changing it",
        description="Check the diary file without writing to it. Exit status: 0 healthy or no diary yet, "
        "1 damaged or unusable.",
    )
    actions.add_parser(
        "repair",
        help="save every readable entry of a damaged diary into a new one",
        description="Save every entry that can still be read from a damaged diary into a new diary, keep the "
        "damaged file beside it (diary-damaged-<time>.sqlite3), and add the entries recorded while it was "
        "damaged. Says how many cramps and routine sessions were saved and lost. A healthy diary is left "
        "as it is. Exit status: 0 repaired or nothing to repair, 1 it could not be done.",
    )


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_health import DiaryState, check_diary, repair_diary

    path = paths.resolve_data_dir(args.data_dir).diary
    if args.diary_action == "check":
        health = check_diary(path)
        waiting = f"; {health.pending} entries recorded while it was damaged wait to be added" if health.pending else ""
        if health.state is DiaryState.HEALTHY:
            print(f"The diary {path} is healthy{waiting}.")
            return EXIT_OK
        if health.state is DiaryState.MISSING:
            print(f"There is no diary yet at {path}{waiting}; it is created when the first entry is saved.")
            return EXIT_OK
        print(f"cramp-coach diary check: {health.message}{waiting}", file=sys.stderr)
        return EXIT_ERRORS
    try:
        report = repair_diary(path)
    except StorageError as error:
        print(f"cramp-coach diary repair: {error}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as error:
        print(f"cramp-coach diary repair: could not write beside {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERRORS
    print(report.summary())
    return EXIT_OK
