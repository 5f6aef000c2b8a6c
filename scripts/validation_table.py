#!/usr/bin/env python3
"""Print docs/validation.md's results table from `mnsim validate --json` (read on stdin).

    build/cli/mnsim validate --json | python3 scripts/validation_table.py
"""
import json
import math
import sys


def num(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.4g}"


def main():
    cases = json.load(sys.stdin)
    print("| Case | Stage | Kind | Measured | Published | mnsim | Band | Verdict | Source |")
    print("|---|---|---|---|---|---|---|---|---|")
    for c in cases:
        verdict = "pass" if c["pass"] else "**fail**"
        band = f"[{num(c['band_low'])}, {num(c['band_high'])}]"
        print(f"| `{c['name']}` | {c['stage']} | {c['kind']} | {c['measured']} | "
              f"{c['published_text']} | {num(c['predicted'])} {c['unit']} | {band} | "
              f"{verdict} | {c['source']} |")
    n = len(cases)
    npass = sum(1 for c in cases if c["pass"])
    print()
    print(f"{n} cases: {npass} pass, {n - npass} fail.", end="")
    for kind in ("independent", "calibration", "implementation"):
        ks = [c for c in cases if c["kind"] == kind]
        kp = sum(1 for c in ks if c["pass"])
        print(f" {kind}: {len(ks)} ({kp} pass, {len(ks) - kp} fail);", end="")
    print()


if __name__ == "__main__":
    main()
