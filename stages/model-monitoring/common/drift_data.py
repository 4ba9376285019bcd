"""Seeded reference and current data for the model-monitoring stage, and how a monitor is judged on it
(shared by every adapter: an adapter only says how its tool decides, per feature, that a column drifted).

The table: 6 numeric features (n0..n5, standard normal) and 3 categorical ones (c0..c2, categories A-D with
frequencies 0.4/0.3/0.2/0.1) in a 10 000-row reference. The current batch (100 or 10 000 rows) has drift of
one kind in each of 4 features, from the same seeded draw:

  n0  mean shift          +0.5 standard deviation
  n1  variance change     standard deviation x1.5, same mean
  c0  category frequency  A-D at 0.25/0.3/0.25/0.2 instead of 0.4/0.3/0.2/0.1
  n2  missing values      20 % of the values missing (NaN), the rest undrifted

The control is a second draw of the reference distribution (no drift at all): every feature a tool flags on
it is a false alarm. Each detect step repeats this over `seeds` seeds and pools the verdicts:

  recall            flagged drifted features / (4 x seeds)
  precision         flagged drifted features / all features flagged on the drifted batches
  false_alarm_rate  features flagged on the control / (9 x seeds)

each with a 95 % Wilson score interval on the pooled count (metrics NAME_lo, NAME_hi): the trials are the
seeds x features, the interval says how far the share could move with other seeds. Wilson rather than a
t-interval over 5 seeds, because a share of 0 or 1 on every seed would give a t-interval of width 0.
"""
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

from bakeoff_step import dispatch, done, fail, param
from drift_judge import DRIFTED, FEATURES, INJECTED, judge

NUMERIC = [f for f in FEATURES if f.startswith("n")]
CATEGORICAL = [f for f in FEATURES if f.startswith("c")]
CATEGORIES = ["A", "B", "C", "D"]
REFERENCE_P = [0.4, 0.3, 0.2, 0.1]
DRIFTED_P = [0.25, 0.3, 0.25, 0.2]
REFERENCE_ROWS = 10_000
MISSING_SHARE = 0.2
T0 = time.perf_counter()


def _draw(rng, rows, drift):
    table = pd.DataFrame(rng.normal(size=(rows, len(NUMERIC))), columns=NUMERIC)
    for col in CATEGORICAL:
        p = DRIFTED_P if drift and col == "c0" else REFERENCE_P
        table[col] = rng.choice(CATEGORIES, size=rows, p=p)
    if drift:
        table["n0"] = table["n0"] + 0.5
        table["n1"] = table["n1"] * 1.5
        table.loc[rng.random(rows) < MISSING_SHARE, "n2"] = np.nan
    return table


def make(rows, seed=20261129, drift=True, reference_rows=REFERENCE_ROWS):
    """(reference, current): the reference has reference_rows rows, the current batch `rows`;
    drift=False gives the no-drift control."""
    rng = np.random.default_rng([seed, rows, int(drift)])
    return _draw(rng, reference_rows, False), _draw(rng, rows, drift)


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _flags(detect, ref, cur, what):
    verdict = detect(ref, cur)
    if set(verdict) != set(FEATURES):
        fail(f"the tool gave a verdict on the {what} for {sorted(verdict)}, expected every feature {FEATURES}")
    return sorted(c for c, d in verdict.items() if d)


def detect_step(detect, rows, seeds):
    """Every seed's drifted batch and control through detect(ref, cur) -> {feature: drifted?}; the metrics."""
    verdicts, seconds = [], []
    for seed in range(1, seeds + 1):
        ref, cur = make(rows, seed)
        t = time.perf_counter()
        drifted = _flags(detect, ref, cur, f"drifted batch of seed {seed}")
        seconds.append(time.perf_counter() - t)
        cref, ccur = make(rows, seed, drift=False)
        t = time.perf_counter()
        control = _flags(detect, cref, ccur, f"control of seed {seed}")
        seconds.append(time.perf_counter() - t)
        verdicts.append((drifted, control))
        print(f"seed {seed}: drifted batch flags {drifted}, control flags {control}", file=sys.stderr)
    out = {"rows": rows, "reference_rows": REFERENCE_ROWS, "features": len(FEATURES), "injected": len(DRIFTED),
           "detect_s": round(sum(seconds) / len(seconds), 4)}
    out.update(judge(verdicts))
    return out


def main(tool, version, import_s, detect, report=None):
    """Runs the step named on the command line with the tool's detect(ref, cur) -> {feature: drifted?} and
    report(ref, cur, path) (None: the tool writes no report)."""
    work = os.environ.get("BAKEOFF_WORK", os.getcwd())
    common = {"version": version, "import_s": round(import_s, 3)}

    def detect_seeded(step):
        rows = param("rows_small", 100) if step == "detect_100" else param("rows_large", 10_000)
        out = detect_step(detect, rows, param("seeds", 5))
        if step == "detect_10k":
            # detection time for one batch of 10 000 rows against the reference, mean over seeds and batches
            out["s_per_10k_rows"] = round(out["detect_s"] * 10_000 / rows, 4)
        out.update(common, peak_rss_mb=peak_rss_mb(), total_s=round(time.perf_counter() - T0, 3))
        done(True, **out)

    def detect_100k():
        rows = param("rows_scale", 100_000)
        ref, cur = make(rows, reference_rows=rows)
        t = time.perf_counter()
        flags = _flags(detect, ref, cur, "drifted batch")
        out = {"rows": rows, "detect_s": round(time.perf_counter() - t, 3), "flagged": len(flags)}
        out.update(common, peak_rss_mb=peak_rss_mb(), total_s=round(time.perf_counter() - T0, 3))
        done(True, **out)

    def report_step():
        if report is None:
            fail(f"{tool} writes no report artifact")
        ref, cur = make(param("rows_large", 10_000))
        path = os.path.join(work, f"{tool}-drift-report.html")
        t = time.perf_counter()
        report(ref, cur, path)
        report_s = time.perf_counter() - t
        if not os.path.exists(path):
            fail(f"no report at {path}")
        size = os.path.getsize(path)
        text = open(path, "rb").read()
        mentions = sum(1 for f in FEATURES if f.encode() in text)
        out = dict(report_bytes=size, report_s=round(report_s, 3), features_mentioned=mentions, rows=len(cur), **common)
        if size < 1000:
            fail(f"the report is only {size} bytes", **out)
        if mentions < len(FEATURES):
            fail(f"the report names only {mentions} of the {len(FEATURES)} features", **out)
        done(True, **out, peak_rss_mb=peak_rss_mb())

    dispatch(detect_100k, report=report_step,
             detect_100=lambda: detect_seeded("detect_100"), detect_10k=lambda: detect_seeded("detect_10k"))
