"""Validation throughput: how many routine files per second ``cramp-coach validate`` checks.

Generates N realistic routine files (default 1,000: 4-9 steps each, a mix of library
references, inline exercises, the four dose timings, sides and sets, comments, notes;
about 50-90 lines per file) in a temporary folder, then times the real command line
(``python -m cramp_coach validate DIR``, a fresh process, so start-up is included) over
several runs and prints the median files per second. Target: at least 500 files/s on
the 2-core development machine.

    python benchmarks/validation_throughput.py [--files 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIBRARY_IDS = ["wall-calf-stretch", "standing-hamstring-stretch", "toe-pulls", "heel-raises", "ankle-pumps"]
DOSES = [
    "{hold_seconds: %d, reps: %d, rest_seconds: 10, sides: left_then_right}",
    "{tempo_seconds: 2, reps: %d, sets: %d, set_rest_seconds: 20}",
    "{untimed: true, reps: %d, sets: %d}",
    "{duration_seconds: %d, sets: %d}",
]


def routine_text(rng: random.Random, index: int) -> str:
    lines = [
        "# Generated for the validation benchmark",
        "schema_version: 1",
        "kind: routine",
        f"title: Evening routine {index}",
        "summary: >-",
        "  A gentle evening routine with calf and hamstring stretches, adjusted",
        "  for one patient after a review with their physiotherapist.",
        f"get_ready_seconds: {rng.randint(5, 20)}",
        f"change_seconds: {rng.randint(5, 20)}",
        "default_rest_seconds: 10",
        "intro: Stand by a clear wall with a sturdy chair beside you. Light on.",
        "outro: Leave the covers loose at the foot of the bed. Sleep well.",
        "note: |",
        "  Do this every night for six weeks and note your cramps in the diary.",
        "  Stop if anything hurts sharply or you feel dizzy.",
        "sources:",
        "  - Hallegraeff et al. 2012, J Physiother 58:17-22",
        "steps:",
    ]
    for step in range(rng.randint(4, 9)):
        if rng.random() < 0.25:
            lines += [
                "  - exercise:",
                f"      id: custom-{index}-{step}",
                f"      name: Custom stretch {step}",
                f"      position: {rng.choice(['standing', 'sitting', 'lying'])}",
                "      steps:",
                "        - Sit tall with your legs out in front of you.",
                "        - Loop a towel around the ball of your foot.",
                "        - Pull gently until the calf stretches.",
                "      cue: Pull the towel gently toward you.",
                f"      dose: {rng.choice(DOSES) % (rng.randint(5, 30), rng.randint(1, 3))}",
                "      evidence: common_practice",
                "      sources: [Physiotherapy practice]",
                "      cautions: [Stop if it hurts.]",
            ]
        else:
            lines.append(f"  - exercise: {rng.choice(LIBRARY_IDS)}")
        if rng.random() < 0.6:
            lines.append(f"    dose: {rng.choice(DOSES) % (rng.randint(5, 30), rng.randint(1, 3))}")
        if rng.random() < 0.3:
            lines.append("    note: Keep the knee straight.  # therapist's reminder")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total_lines = 0
        for index in range(args.files):
            text = routine_text(rng, index)
            total_lines += text.count("\n")
            (folder / f"routine-{index:04d}.yaml").write_text(text)
        command = [sys.executable, "-m", "cramp_coach", "validate", str(folder)]
        check = subprocess.run(command, capture_output=True, text=True)
        if check.returncode != 0:
            sys.exit(f"generated files did not validate clean:\n{check.stdout[:2000]}{check.stderr}")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"files: {args.files} (mean {total_lines / args.files:.0f} lines each)")
    print(f"runs: {args.runs}, wall times: " + ", ".join(f"{t:.3f} s" for t in times))
    print(f"median: {median:.3f} s -> {args.files / median:.0f} files/s (target >= 500 files/s)")


if __name__ == "__main__":
    main()
