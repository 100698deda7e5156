"""The ``cramp-coach`` command: the app by default, plus tools that need no Qt.

``cramp-coach [--data-dir DIR] [--routines DIR] [--emergency]`` starts the app;
``cramp-coach validate PATH…`` checks routine files; ``cramp-coach schema`` prints the
JSON Schema (``--path`` prints where it is installed); ``handout``, ``import-routine``
and ``export-routine`` make patient handouts and share routines (docs/editor.md); ``report``,
``export`` and ``import`` work on the diary (docs/diary.md). Qt is imported only when the
app itself starts (or a PDF is drawn), so validation stays fast and works on machines without a display.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cramp_coach import __version__, paths

if TYPE_CHECKING:
    from datetime import date

    from cramp_coach.storage.routine_library import RoutineLibrary

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

#: Every sub-command (a test checks this against the parser).
COMMAND_NAMES = frozenset(
    {
        "validate", "schema", "install-desktop", "check", "handout", "import-routine", "export-routine",
        "report", "export", "import", "diary",
    }
)  # fmt: skip


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cramp-coach",
        description="Guided bedtime stretches and step-by-step first aid for night-time leg cramps.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the diary and your own routines (default: ${paths.DATA_DIR_ENV} or the per-user data folder)",
    )
    parser.add_argument("--routines", metavar="DIR", help="extra routines folder, taking precedence")
    parser.add_argument("--emergency", action="store_true", help="open straight on Cramp now")
    parser.add_argument("--start", metavar="ROUTINE", help="start this routine (by id) straight away")
    parser.add_argument(
        "--open",
        metavar="FILE",
        help="add the routines in FILE (a bundle from your physiotherapist), asking first; then open the app",
    )
    # For demos and end-to-end tests: run the routine clock faster, and quit at the end.
    parser.add_argument("--time-scale", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--quit-when-done", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the app's options and every sub-command."""
    parser = _app_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check routine files; errors read file:line:column: field: message",
        description="Check routine-format files (or folders of them). Exit status: 0 clean, "
        "1 errors found, 2 usage error.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a .yaml file or a folder")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    schema = commands.add_parser("schema", help="print the JSON Schema for routine files")
    schema.add_argument("--path", action="store_true", help="print where the schema file is installed")
    desktop = commands.add_parser(
        "install-desktop",
        help="add Cramp Coach and a 'Cramp now' launcher to the desktop menu (Linux)",
    )
    desktop.add_argument(
        "--dir", metavar="DIR", help="where to put the .desktop files (default: your applications folder)"
    )
    commands.add_parser(
        "check",
        help="test sound, voice, display, data folder, diary and tray; says what to install",
        description="Play a chime, speak a line, and say in plain words what works on this computer "
        "and what to install. Exit status: 0 when everything works, 1 otherwise.",
    )
    _add_authoring_commands(commands)
    _add_diary_commands(commands)
    for command in commands.choices.values():
        # Also after the command (`cramp-coach export --data-dir DIR`), as people type it;
        # SUPPRESS keeps a --data-dir given before the command when none is given after.
        command.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="the data folder to use")
    return parser


def _starts_the_app(arguments: Sequence[str]) -> bool:
    """True when no sub-command (nor help or version) is asked for: the usual launch.

    Building every sub-command's parser costs the first frame several milliseconds, so
    a plain launch parses with the app's options only. An option value that happens to
    equal a command name only means the full parser is built: the result is the same.
    """
    return not any(word in COMMAND_NAMES or word in ("-h", "--help", "--version") for word in arguments)


#: A plain launch's options (``_app_parser`` declares them): value options, flags, and
#: what argparse gives when none is given. A test checks that both readings agree.
_LAUNCH_VALUES = {"--data-dir": "data_dir", "--routines": "routines", "--start": "start", "--open": "open"}
_LAUNCH_FLAGS = {"--emergency": "emergency", "--quit-when-done": "quit_when_done"}
_LAUNCH_DEFAULTS: dict[str, object] = {
    "command": None, "data_dir": None, "routines": None, "emergency": False, "start": None,
    "open": None, "time_scale": 1.0, "quit_when_done": False,
}  # fmt: skip


def quick_launch(arguments: Sequence[str]) -> argparse.Namespace | None:
    """A plain launch's options (``--emergency``, ``--data-dir DIR``…) read without argparse;
    ``None`` for anything else, which argparse then reads with its help and its errors.

    A launch is on the way to the first frame, and building argparse's parser costs it
    about 11 million instructions (its messages are looked up for translation, which
    loads ``locale``): more than Home's own widgets.
    """
    values = dict(_LAUNCH_DEFAULTS)
    words = list(arguments)
    while words:
        name, equals, value = words.pop(0).partition("=")
        if name in _LAUNCH_FLAGS and not equals:
            values[_LAUNCH_FLAGS[name]] = True
        elif name in _LAUNCH_VALUES:
            if not equals:
                if not words or words[0].startswith("-"):
                    return None  # argparse decides what that is (a missing value, a negative number)
                value = words.pop(0)
            values[_LAUNCH_VALUES[name]] = value
        else:
            return None
    return argparse.Namespace(**values)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = quick_launch(arguments)
    if args is None:
        parser = _app_parser() if _starts_the_app(arguments) else build_parser()
        args = parser.parse_args(arguments)
        if args.command is not None:
            _warn_about_routines_folder(args.routines)
            return _run_command(args, parser)
    _warn_about_routines_folder(args.routines)
    return _launch(args)


def _run_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "validate":
        return run_validate(args.paths, args.format, parser)
    if args.command == "install-desktop":
        from cramp_coach import desktop

        target = Path(args.dir) if args.dir else desktop.applications_dir()
        for written in desktop.install(target, desktop.executable()):
            print(f"wrote {written}")
        return EXIT_OK
    if args.command == "check":
        from cramp_coach import selfcheck

        return selfcheck.run(paths.resolve_data_dir(args.data_dir))
    if args.command in AUTHORING_COMMANDS:
        return AUTHORING_COMMANDS[args.command](args, parser)
    if args.command in DIARY_COMMANDS:
        return DIARY_COMMANDS[args.command](args, parser)
    # "schema", the one command left (argparse accepts no other)
    if args.path:
        print(paths.schema_file())
    else:
        print(paths.schema_file().read_text(encoding="utf-8"), end="")
    return EXIT_OK


def _launch(args: argparse.Namespace) -> int:
    if args.open:  # a bundle double-clicked in the file manager: ask, import, then the app as usual
        from cramp_coach.ui.open_bundle import run as open_bundle

        data = paths.resolve_data_dir(args.data_dir)
        open_bundle(Path(args.open), data.routines, data.root / "settings.ini")
    # A second launch hands over to the running app before any Qt is loaded, so the
    # window comes forward (on Cramp now with --emergency) as fast as possible.
    from cramp_coach import instance

    name = instance.server_name(paths.resolve_data_dir(args.data_dir).root)
    if instance.hand_over(name, "emergency" if args.emergency else "show"):
        return EXIT_OK
    # Until the first frame is painted (app.main turns it back on), Python's cycle collector
    # is off: start-up makes objects that all live on, and collecting them would only walk
    # them again and again (15 M instructions, 2.5 % of a bare window's start-up).
    gc.disable()
    from cramp_coach import app  # Qt is loaded only here

    return app.main(args, instance_name=name)


def _warn_about_routines_folder(raw: str | None) -> None:
    """``--routines`` naming no folder is a warning, not an error: everything else still works."""
    if raw and not Path(raw).is_dir():
        what = "is not a folder" if Path(raw).exists() else "does not exist"
        print(
            f"cramp-coach: warning: the routines folder {raw} {what}; going on with the built-in routines and your own",
            file=sys.stderr,
        )


def run_validate(raw_paths: Sequence[str], output: str, parser: argparse.ArgumentParser) -> int:
    from cramp_coach.schema.catalog import assemble
    from cramp_coach.storage.routine_library import is_routine_file, parse_all, scan

    targets: list[Path] = []
    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            found = scan(path, recursive=True)
            if not found:
                parser.exit(EXIT_USAGE, f"cramp-coach validate: no .yaml files in folder: {raw}\n")
            targets.extend(found)
        elif path.is_file():
            if not is_routine_file(path) and path.suffix.lower() not in (".yaml", ".yml"):
                parser.exit(EXIT_USAGE, f"cramp-coach validate: not a .yaml file: {raw}\n")
            targets.append(path)
        else:
            parser.exit(EXIT_USAGE, f"cramp-coach validate: no such file or folder: {raw}\n")

    # Routines may refer to the built-in exercises, so those load first as context.
    checked = {path.resolve() for path in targets}
    context = [path for path in scan(paths.builtin_routines_dir()) if path.resolve() not in checked]
    asset_roots = [paths.builtin_assets_dir()]
    context_files = parse_all(context, asset_roots)
    target_files = parse_all(targets, asset_roots)
    assemble([*context_files, *target_files])
    issues = [issue for parsed in target_files for issue in parsed.issues]

    if output == "json":
        import json

        json.dump(
            {"files_checked": len(target_files), "issues": [issue.as_dict() for issue in issues]},
            sys.stdout,
            indent=2,
        )
        print()
    else:
        for issue in issues:
            print(issue)
        from cramp_coach.domain.wording import plural

        bad = len({issue.file for issue in issues})
        summary = f"{plural(len(target_files), 'file')} checked: "
        summary += f"{plural(len(issues), 'error')} in {plural(bad, 'file')}" if issues else "all clean"
        print(summary, file=sys.stderr)
    return EXIT_ERRORS if issues else EXIT_OK


# --- authoring: handouts and sharing (docs/editor.md) ------------------------------------


def _add_authoring_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    handout = commands.add_parser(
        "handout",
        help="write a patient handout (PDF) for a routine",
        description="Write a one- or two-page patient handout for ROUTINE (an id, or a .yaml file). "
        "Exit status: 0 written, 1 the routine file has problems or the PDF could not be written, 2 usage error.",
    )
    handout.add_argument("routine", metavar="ROUTINE", help="a routine id (e.g. bedtime) or a routine .yaml file")
    handout.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    handout.add_argument(
        "--paper", choices=("auto", "a4", "letter"), default="auto", help="paper size (default: from your locale)"
    )
    handout.add_argument("--patient", default="", metavar="NAME", help="who the handout is for (default: a blank line)")
    handout.add_argument("--by", default="", metavar="NAME", help="the physiotherapist's name (default: a blank line)")
    handout.add_argument("--contact", default="", metavar="TEXT", help="how to reach you, e.g. a phone number")
    handout.add_argument("--date", type=_handout_date, metavar="YYYY-MM-DD", help="the date printed (default: today)")
    importer = commands.add_parser(
        "import-routine",
        help="import a routine file, folder or .zip bundle into your routines folder",
        description="Check a routine file, a folder or a .zip (routine files plus their images), then copy it "
        "into your routines folder; nothing is changed if anything is wrong. Exit status: 0 imported, "
        "1 problems found or files already there, 2 usage error.",
    )
    importer.add_argument("path", metavar="PATH", help="a .yaml file, a folder or a .zip")
    importer.add_argument(
        "--replace",
        action="store_true",
        help="replace files already there (the old versions are kept as .bak), and allow replacing exercises, "
        "routines or the Cramp-now protocol in force (built-in or your own)",
    )
    importer.add_argument("--as", dest="as_id", metavar="NEW_ID", help="import the routine under this id instead")
    exporter = commands.add_parser(
        "export-routine",
        help="export a routine with the images and exercises it needs",
        description="Export routine ID as a .zip (or a folder, or a single .yaml when it needs nothing else) "
        "that imports cleanly on another machine. Exit status: 0 written, 1 could not export, 2 usage error.",
    )
    exporter.add_argument("routine_id", metavar="ID", help="the routine's id (its file name)")
    exporter.add_argument("-o", "--output", required=True, metavar="PATH", help="PATH.zip, a folder, or PATH.yaml")


def _library(args: argparse.Namespace, *, extra: bool = True) -> RoutineLibrary:
    from cramp_coach.storage.routine_library import RoutineLibrary

    data = paths.resolve_data_dir(args.data_dir)
    return RoutineLibrary(data.routines, extra_dir=Path(args.routines) if extra and args.routines else None)


def _handout_date(text: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-23, found '{text}'") from None


def run_handout(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from datetime import date

    from cramp_coach.storage.output_path import output_problem
    from cramp_coach.storage.routine_library import LibraryError, read_text

    problem = output_problem(Path(args.output))  # before anything is drawn: no painter noise, no half-made file
    if problem is not None:
        print(f"cramp-coach handout: {problem}", file=sys.stderr)
        return EXIT_ERRORS
    library = _library(args)
    source = Path(args.routine)
    base: Path | None
    if source.suffix.lower() in (".yaml", ".yml"):
        if not source.is_file():
            parser.exit(EXIT_USAGE, f"cramp-coach handout: no such file: {args.routine}\n")
        try:
            result = library.check(read_text(source).text, source)
        except LibraryError as error:
            parser.exit(EXIT_USAGE, f"cramp-coach handout: {error}\n")
        for issue in result.issues:
            print(f"{source}:{issue.line}:{issue.column}: {issue.field}: {issue.message}")
        if result.issues:
            print(f"cramp-coach handout: {source} has problems; no handout written", file=sys.stderr)
            return EXIT_ERRORS
        if result.routine is None:
            parser.exit(EXIT_USAGE, f"cramp-coach handout: {source} is not a routine (kind: {result.kind})\n")
        routine, base = result.routine, source.parent
    else:
        found = library.catalog.routines.get(args.routine)
        if found is None:
            known = ", ".join(sorted(library.catalog.routines)) or "none"
            parser.exit(EXIT_USAGE, f"cramp-coach handout: no routine with id '{args.routine}' (known: {known})\n")
        where = library.find(args.routine)
        routine, base = found, where.parent if where is not None else None

    from cramp_coach.domain.handout_details import HandoutDetails
    from cramp_coach.ui.printing import handout  # Qt is loaded only here

    qt_app = handout.gui_application()
    paper = handout.default_page_size() if args.paper == "auto" else handout.PAGE_SIZES[args.paper]
    output = Path(args.output)
    try:
        pages = handout.write_pdf(
            output,
            routine,
            disclaimer=library.disclaimer(),
            resolve_asset=lambda relative: library.resolve_asset(relative, base),
            page_size=paper,
            details=HandoutDetails(args.patient, args.by, args.date or date.today(), args.contact),
            protocol=library.catalog.protocol,
            emergency_number=handout.emergency_number(paths.resolve_data_dir(args.data_dir).root),
        )
    except handout.HandoutError as error:
        print(f"cramp-coach handout: {error}", file=sys.stderr)
        return EXIT_ERRORS
    finally:
        del qt_app
    paper_name = "Letter" if paper == handout.PAGE_SIZES["letter"] else "A4"
    print(f"wrote {output} ({pages} page{'s' if pages != 1 else ''}, {paper_name})")
    return EXIT_OK


def run_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cramp_coach import cli_bundles

    # Imports are checked against what the app loads without --routines: built-ins and your folder.
    return cli_bundles.run_import(args, parser, _library(args, extra=False))


def run_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cramp_coach import cli_bundles

    return cli_bundles.run_export(args, parser, _library(args))


AUTHORING_COMMANDS = {"handout": run_handout, "import-routine": run_import, "export-routine": run_export}


# --- the diary: doctor report, CSV export and import, check and repair (cli_diary.py) ---------------


def _add_diary_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from cramp_coach import cli_diary

    cli_diary.add_arguments(commands)


def run_diary_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cramp_coach import cli_diary  # bad values exit 1 there, with one sentence

    return cli_diary.run(args)


DIARY_COMMANDS = dict.fromkeys(("report", "export", "import", "diary"), run_diary_command)
