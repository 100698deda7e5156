"""``cramp-coach import-routine`` and ``export-routine``: bundles in and out from the command line.

The work is in ``storage/bundle_*.py``; this module only decides what to print. An import
that would replace anything (built-in content, or the user's own files, exercises,
routines or Cramp-now steps) names each replaced id with the routines it changes and
does nothing without ``--replace``. Exit status: 0 done, 1 problems found, refused or
could not be written (nothing was changed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cramp_coach.domain.wording import plural
from cramp_coach.storage.bundle_export import export_bundle
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import ImportPlan, plan_import
from cramp_coach.storage.file_errors import BundleError, LibraryError
from cramp_coach.storage.library import RoutineLibrary

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _refusal(plan: ImportPlan, library: RoutineLibrary) -> str:
    """Why an import that replaces something needs ``--replace``, in one sentence."""
    if plan.clashes:
        names = ", ".join(str(item.relative) for item in plan.clashes)
        return (
            f"already in {library.user_dir}: {names}\n"
            "  use --replace to replace (the old versions are kept as .bak), or --as NEW_ID to import the "
            "routine under another id; nothing was imported"
        )
    builtin = any(item.builtin for item in plan.replacements)
    yours = any(not item.builtin for item in plan.replacements)
    what = (
        "built-in content and your own" if builtin and yours else "built-in content" if builtin else "your own content"
    )
    return (
        f"{plan.source.name} replaces {what} (listed above); use --replace to import it anyway "
        "(remove the imported files to go back); nothing was imported"
    )


def run_import(args: argparse.Namespace, parser: argparse.ArgumentParser, library: RoutineLibrary) -> int:
    """Import ``args.path`` into ``library``'s user folder: checked first, all or nothing."""
    source = Path(args.path)
    if not source.exists():
        parser.exit(EXIT_USAGE, f"cramp-coach import-routine: no such file or folder: {args.path}\n")
    try:
        plan = plan_import(source, library, new_id=args.as_id)
    except BundleError as error:
        print(f"cramp-coach import-routine: {error}; nothing was imported", file=sys.stderr)
        return EXIT_ERRORS
    if not plan.ok:
        for issue in plan.issues:
            print(issue)
        print(
            f"cramp-coach import-routine: {plural(len(plan.issues), 'problem')} in {source}; nothing was imported",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    if (plan.replacements or plan.clashes) and not args.replace:
        for replacement in plan.replacements:
            print(f"  it replaces {replacement.describe()}", file=sys.stderr)
        print(f"cramp-coach import-routine: {_refusal(plan, library)}", file=sys.stderr)
        return EXIT_ERRORS
    try:
        written = apply_import(plan, library, replace=args.replace, replace_builtins=args.replace)
    except LibraryError as error:
        print(f"cramp-coach import-routine: {error}; nothing was imported", file=sys.stderr)
        return EXIT_ERRORS
    for path in written:
        print(f"imported {path}")
    for item in plan.files:
        if item.identical:
            print(f"unchanged {item.target} (already there)")
    for replacement in plan.replacements:
        print(f"replaced {replacement.describe()}")
    return EXIT_OK


def run_export(args: argparse.Namespace, parser: argparse.ArgumentParser, library: RoutineLibrary) -> int:
    """Export routine ``args.routine_id`` with what it needs to ``args.output``."""
    path = library.find(args.routine_id)
    if path is None:
        known = ", ".join(sorted(library.catalog.routines)) or "none"
        parser.exit(
            EXIT_USAGE, f"cramp-coach export-routine: no routine with id '{args.routine_id}' (known: {known})\n"
        )
    try:
        result = export_bundle(library, path, Path(args.output))
    except LibraryError as error:
        print(f"cramp-coach export-routine: {error}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {result.dest}: {', '.join(result.files)}")
    return EXIT_OK
