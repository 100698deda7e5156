"""The diary's sub-commands: ``report``, ``export``, ``import`` and ``diary check|repair``.

``cramp-coach report`` writes the doctor report (PDF), ``export`` and ``import`` move the
diary as CSV, and ``diary check``/``diary repair`` look after the file itself (the logic
is in :mod:`cramp_coach.storage.diary_health`, shared with the app's Repair button). This
module parses and prints; the diary's facts come from ``storage/`` and ``domain/``, and
Qt is loaded only to paint a report.

Exit status, for every one of them: 0 done; 1 bad input (a value the command cannot use,
checked in :mod:`cramp_coach.cli_values`, such as a date outside the diary's years or
``--from`` after ``--to``), or a diary, PDF or CSV that could not be used; 2 a usage
error (an unknown option, a missing argument), which argparse reports. Every failure is
one sentence on standard error, never a traceback, and nothing is half-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cramp_coach import paths

if TYPE_CHECKING:
    from cramp_coach.storage.diary_store import DiaryStore

EXIT_OK, EXIT_ERRORS = 0, 1

_STATUS = "Exit status: 0 {done}, 1 {bad}, 2 usage error (an unknown option, a missing argument)."


def add_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report``, ``export``, ``import`` and ``diary`` to the ``cramp-coach`` parser."""
    report = commands.add_parser(
        "report",
        help="write the doctor report (PDF) from your diary",
        description="Write an A4 PDF of the diary for the nights FROM to TO (default: the last 12 weeks, ending "
        "last night; a night is named by its evening; dates from 1900-01-01 to 2200-12-31). Works without a "
        "display. "
        + _STATUS.format(done="written", bad="a date that cannot be used, or the diary or the PDF could not be used"),
    )
    # Plain text, checked by cli_values: a bad value is bad input (exit 1), not a usage error (exit 2).
    report.add_argument("--from", dest="first", metavar="DATE", help="first night, YYYY-MM-DD")
    report.add_argument("--to", dest="last", metavar="DATE", help="last night, YYYY-MM-DD")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    export = commands.add_parser(
        "export",
        help="write the whole diary as CSV (columns in docs/diary.md)",
        description="Write every cramp and routine session as CSV, oldest first. "
        + _STATUS.format(done="written", bad="the diary or the file could not be used"),
    )
    export.add_argument("-o", "--output", metavar="FILE.csv", help="where to write it (default: standard output)")
    importer = commands.add_parser(
        "import",
        help="import a diary CSV (from cramp-coach export) without duplicating entries",
        description="Add the entries of a diary CSV that the diary does not hold yet. The whole file is checked "
        "first: with any problem nothing is imported and each is listed as file:line: message. "
        + _STATUS.format(done="imported", bad="no such file, problems found, or the diary could not be used"),
    )
    importer.add_argument("csv", metavar="FILE.csv", help="a CSV written by cramp-coach export (or the diary)")
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


def _refuse(command: str, problem: object, outcome: str = "") -> int:
    """One sentence on standard error (``cramp-coach COMMAND: problem; outcome``); exit status 1."""
    print(f"cramp-coach {command}: {problem}" + (f"; {outcome}" if outcome else ""), file=sys.stderr)
    return EXIT_ERRORS


def _open_diary(args: argparse.Namespace, *, create: bool) -> DiaryStore:
    """The diary in the data folder; when it does not exist and ``create`` is false, an empty one in memory."""
    from cramp_coach.storage.database import open_database, open_memory_database
    from cramp_coach.storage.diary_side_file import merge_side_file
    from cramp_coach.storage.diary_store import DiaryStore

    path = paths.resolve_data_dir(args.data_dir).diary
    if not create and not path.exists():
        return DiaryStore(open_memory_database())  # a report or export must not create a diary as a side effect
    # Checked whole before any write (a damaged diary raises StorageError, untouched); entries
    # kept aside while it was damaged join it first, so an export or report includes them.
    store = DiaryStore(open_database(path))
    merge_side_file(store, path)
    return store


def run_report(args: argparse.Namespace) -> int:
    from cramp_coach.cli_values import OptionValueError, report_nights
    from cramp_coach.domain.clock import SystemWallClock
    from cramp_coach.domain.diary import last_night
    from cramp_coach.domain.insights import REPORT_WEEKS

    now = SystemWallClock().now()
    try:
        first, last = report_nights(args.first, args.last, last_night=last_night(now), weeks=REPORT_WEEKS)
    except OptionValueError as error:
        return _refuse("report", error, "nothing was written")
    from cramp_coach.storage.output_path import output_problem

    output = Path(args.output)
    problem = output_problem(output)  # before anything is drawn: no painter noise, no half-made file
    if problem:
        return _refuse("report", problem, "nothing was written")
    from cramp_coach.domain.wording import plural
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_report import gather
    from cramp_coach.storage.routine_library import load_catalog

    catalog = load_catalog(
        paths.resolve_data_dir(args.data_dir).routines, Path(args.routines) if args.routines else None
    )
    protocol = catalog.protocol
    flags = protocol.diary_flags if protocol is not None else ()
    labels = {plan.location: plan.label for plan in protocol.locations} if protocol is not None else {}
    disclaimer = protocol.disclaimer if protocol is not None else ""
    try:
        data = gather(
            _open_diary(args, create=False), first, last, flags, now=now, location_labels=labels, disclaimer=disclaimer
        )
    except StorageError as error:
        return _refuse("report", error)

    from cramp_coach.ui.printing import report  # Qt is loaded only here, to paint what was gathered

    qt_app = report.gui_application()
    try:
        pages = report.write_report(output, data)
    except OSError as error:
        from cramp_coach.storage.output_path import write_problem

        return _refuse("report", write_problem(output, error))
    finally:
        del qt_app
    print(f"wrote {output} ({plural(pages, 'page')}, nights of {first} to {last})")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_csv import export_csv, write_csv
    from cramp_coach.storage.output_path import output_problem, write_problem

    output = None if args.output in (None, "-") else Path(args.output)
    problem = output_problem(output) if output is not None else None
    if problem:
        return _refuse("export", problem, "nothing was written")
    try:
        store = _open_diary(args, create=False)
        if output is None:
            sys.stdout.reconfigure(newline="")  # type: ignore[union-attr]  # csv writes its own CRLF
            count = write_csv(store.export_entries(), sys.stdout)
        else:
            count = export_csv(store, output)
    except StorageError as error:
        return _refuse("export", error)
    except OSError as error:
        return _refuse("export", write_problem(output or Path("-"), error))
    from cramp_coach.domain.wording import plural

    print(f"exported {plural(count, 'entry', 'entries')}", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from cramp_coach.cli_values import OptionValueError, existing_file
    from cramp_coach.domain.wording import plural
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_csv import CsvFileError, read_csv

    try:
        source = Path(existing_file("FILE.csv", args.csv))
    except OptionValueError as error:
        return _refuse("import", error, "nothing was imported")
    try:
        rows = read_csv(source)  # checked whole before the diary is even opened
        result = _open_diary(args, create=True).import_entries(rows)
    except CsvFileError as error:
        for problem in error.problems:
            print(problem)
        more = f" (and {error.more} more)" if error.more else ""
        return _refuse("import", f"{plural(len(error.problems), 'problem')}{more}", "nothing was imported")
    except StorageError as error:
        return _refuse("import", error)

    print(
        f"imported {plural(result.episodes_added, 'cramp')} and {plural(result.sessions_added, 'routine session')}; "
        f"{result.already_there} already in the diary"
    )
    return EXIT_OK


def run_diary(args: argparse.Namespace) -> int:
    """``diary check`` (0 healthy or no diary yet, 1 damaged or unusable) and ``diary repair``."""
    from cramp_coach.domain.wording import plural
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_health import DiaryState, check_diary, repair_diary

    path = paths.resolve_data_dir(args.data_dir).diary
    if args.diary_action == "check":
        health = check_diary(path)
        pending = health.pending or 0
        verb = "waits" if pending == 1 else "wait"
        waiting = (
            f"; {plural(pending, 'entry', 'entries')} recorded while it was damaged {verb} to be added"
            if pending
            else ""
        )
        if health.state is DiaryState.HEALTHY:
            print(f"The diary {path} is healthy{waiting}.")
            return EXIT_OK
        if health.state is DiaryState.MISSING:
            print(f"There is no diary yet at {path}{waiting}; it is created when the first entry is saved.")
            return EXIT_OK
        return _refuse("diary check", f"{health.message}{waiting}")
    try:
        report = repair_diary(path)
    except StorageError as error:
        return _refuse("diary repair", error)
    except OSError as error:
        print(f"cramp-coach diary repair: could not write beside {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERRORS
    print(report.summary())
    return EXIT_OK


#: Sub-command → what runs it.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "report": run_report,
    "export": run_export,
    "import": run_import,
    "diary": run_diary,
}


def run(args: argparse.Namespace) -> int:
    """Run the diary sub-command ``args.command`` (one of :data:`COMMANDS`)."""
    return COMMANDS[args.command](args)
