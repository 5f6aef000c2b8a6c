#!/usr/bin/env python3
"""The figure "absorbed" of the acne-scar clinic pen example (docs/examples.md and the README):
the dose absorbed through treated and intact skin over 24 h, from Python.

    python3 examples/python/absorbed_curve.py [OUT.png]

With matplotlib (Debian's python3-matplotlib) it draws the figure into OUT.png (default
absorbed_python.png); without it, it prints the two curves as CSV."""
import os
import sys

import mnsim

here = os.path.dirname(os.path.abspath(__file__))
r = mnsim.run(os.path.join(here, "..", "acne_scars_clinic_pen.yaml"))
t = r.curve("absorption.time_h")
treated = r.curve("absorption.cumulative_absorbed_percent")
intact = r.curve("absorption.intact_cumulative_absorbed_percent")
print(f"{r.summary['name']}: {treated[-1]:.3g} % absorbed through treated skin, "
      f"{intact[-1]:.3g} % through intact skin in {t[-1]:.3g} h", file=sys.stderr)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("time_h,treated_percent,intact_percent")
    for row in zip(t, treated, intact):
        print(",".join(f"{v:.6g}" for v in row))
    sys.exit(0)
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.semilogx(t, treated, label="treated skin")
ax.semilogx(t, intact, label="intact skin")
ax.set_xlabel("time after application [h]")
ax.set_ylabel("absorbed [% of the dose]")
ax.set_title(r.summary["name"])
ax.legend(loc="upper left")
out = sys.argv[1] if len(sys.argv) > 1 else "absorbed_python.png"
fig.savefig(out, dpi=120, bbox_inches="tight")
print(f"wrote {out}", file=sys.stderr)
