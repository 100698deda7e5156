"""The ``cramp-coach`` command: the app by default, plus tools that need no Qt.

``cramp-coach [--data-dir DIR] [--routines DIR] [--emergency]`` starts the app;
``cramp-coach validate PATH…`` checks routine files; ``cramp-coach schema`` prints the
JSON Schema (``--path`` prints where it is installed). Qt is imported only when the
app itself starts, so validation stays fast and works on machines without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cramp_coach import __version__, paths

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
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
    # For demos and end-to-end tests: run the routine clock faster, and quit at the end.
    parser.add_argument("--time-scale", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--quit-when-done", action="store_true", help=argparse.SUPPRESS)
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return run_validate(args.paths, args.format, parser)
    if args.command == "install-desktop":
        from cramp_coach import desktop

        target = Path(args.dir) if args.dir else desktop.applications_dir()
        for written in desktop.install(target, desktop.executable()):
            print(f"wrote {written}")
        return EXIT_OK
    if args.command == "schema":
        if args.path:
            print(paths.schema_file())
        else:
            print(paths.schema_file().read_text(encoding="utf-8"), end="")
        return EXIT_OK
    # A second launch hands over to the running app before any Qt is loaded, so the
    # window comes forward (on Cramp now with --emergency) as fast as possible.
    from cramp_coach import instance

    name = instance.server_name(paths.resolve_data_dir(args.data_dir).root)
    if instance.hand_over(name, "emergency" if args.emergency else "show"):
        return EXIT_OK
    from cramp_coach import app  # Qt is loaded only here

    return app.main(args, instance_name=name)


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
        json.dump(
            {"files_checked": len(target_files), "issues": [issue.as_dict() for issue in issues]},
            sys.stdout,
            indent=2,
        )
        print()
    else:
        for issue in issues:
            print(issue)
        bad = len({issue.file for issue in issues})
        summary = f"{len(target_files)} file(s) checked: "
        summary += f"{len(issues)} error(s) in {bad} file(s)" if issues else "all clean"
        print(summary, file=sys.stderr)
    return EXIT_ERRORS if issues else EXIT_OK
