"""The old home of sharing routines (bundles in and out), kept so existing imports keep working.

The code now lives in modules with one job each:

* :mod:`.bundle_archive`: unpacking a ``.zip`` safely (no zip-slip, no zip bombs);
* :mod:`.bundle_reading`: reading a bundle whole and checking it, pictures included;
* :mod:`.bundle_replacements`: what an import would replace, named for people;
* :mod:`.bundle_plan`: ``plan_import`` → ``ImportPlan`` (what would be written, clashes);
* :mod:`.bundle_import`: ``apply_import``, all or nothing;
* :mod:`.bundle_export`: ``export_bundle``.

New code should import from those modules.
"""

from __future__ import annotations

from cramp_coach.storage.bundle_archive import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, MAX_MEMBERS, MAX_TOTAL_BYTES
from cramp_coach.storage.bundle_export import ExportResult, bundle_contents, export_bundle
from cramp_coach.storage.bundle_import import ImportClashError, apply_import
from cramp_coach.storage.bundle_plan import ImportPlan, PlannedFile, describe_replacements, plan_import
from cramp_coach.storage.bundle_reading import illustrations
from cramp_coach.storage.bundle_replacements import Replacement, ReplacesBuiltInError
from cramp_coach.storage.file_errors import BundleError

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_IMAGE_BYTES",
    "MAX_MEMBERS",
    "MAX_TOTAL_BYTES",
    "BundleError",
    "ExportResult",
    "ImportClashError",
    "ImportPlan",
    "PlannedFile",
    "Replacement",
    "ReplacesBuiltInError",
    "apply_import",
    "bundle_contents",
    "describe_replacements",
    "export_bundle",
    "illustrations",
    "plan_import",
]
