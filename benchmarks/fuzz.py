"""Fuzz the routine format, bundle import and diary CSV import for a given time; report cases tried and failures.

Each case mutates a shipped file, builds a mutated bundle or mutates a diary's CSV export
(see ``tests/helpers/fuzzing.py``) and checks the project's promises: validation reports
and never raises, what validates builds and plays, a bundle is refused in one sentence or
imported whole and cleanly, ``cramp-coach import`` of a CSV imports it whole (the diary
then exports and reads back unchanged, notes byte for byte) or refuses it with one
``file:line: message`` line per problem and leaves the data folder byte for byte as it
was, nothing is written outside the user's data folder and no temporary file is left.
Case kinds: mutated routine files (and the exercise library), mutated Cramp-now
protocols, mutated .zip bundles, mutated folder bundles, mutated diary CSVs (into no
diary, the diary they came from, or one holding part of them).

Failures are printed once per distinct (kind, error) with the seed that reproduces them
(``--replay KIND:SEED``), and saved to ``--save DIR`` if given. Exit status 1 when any
case failed. The property tests in ``tests/unit/test_fuzz_properties.py`` run the same
checks with Hypothesis on a fixed seed in CI.

    python benchmarks/fuzz.py --minutes 10 [--seed 1] [--save /tmp/fuzz-failures]
    python benchmarks/fuzz.py --replay zip:123456
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers import fuzzing


def run_one(kind: str, seed: int) -> str:
    return fuzzing.CASES[kind](random.Random(seed))()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sequence of cases (default 1)")
    parser.add_argument("--save", type=Path, help="folder for a report of each distinct failure")
    parser.add_argument("--replay", metavar="KIND:SEED", help="run one case again, with its traceback")
    args = parser.parse_args()
    if args.replay:
        kind, seed = args.replay.split(":")
        print(run_one(kind, int(seed)))
        return 0

    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    tried: collections.Counter[str] = collections.Counter()
    outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
    failures: collections.Counter[tuple[str, str]] = collections.Counter()
    first_seed: dict[tuple[str, str], int] = {}
    started = time.monotonic()
    while time.monotonic() < deadline:
        kind = rng.choice(sorted(fuzzing.CASES))
        seed = rng.randrange(2**32)
        tried[kind] += 1
        try:
            outcomes[(kind, run_one(kind, seed))] += 1
        except Exception as error:  # counting every kind of failure is the point
            key = (kind, f"{type(error).__name__}: {str(error)[:200]}")
            if key not in first_seed:
                first_seed[key] = seed
                print(f"FAILURE {kind}:{seed} {key[1]}", flush=True)
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"{kind}-{seed}.txt").write_text(traceback.format_exc(), encoding="utf-8")
            failures[key] += 1
    elapsed = time.monotonic() - started
    total = sum(tried.values())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{total} cases in {elapsed:.0f} s ({total / elapsed:.1f}/s, load average {load:.1f}), seed {args.seed}")
    for kind in sorted(tried):
        detail = ", ".join(f"{outcome} {count}" for (k, outcome), count in sorted(outcomes.items()) if k == kind)
        print(f"  {kind:9} {tried[kind]:6} tried: {detail}")
    print(f"{sum(failures.values())} failures ({len(failures)} distinct)")
    for (kind, description), count in failures.most_common():
        print(f"  {count:5} × {kind}:{first_seed[(kind, description)]} {description}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
