"""Seeded reference and current data for the model-monitoring stage (same file in every adapter folder).

n = 10 numeric features, standard normal in the reference. The current data has drift injected in k = 4 of
them at known strengths, from subtle to large; the control is a second sample of the reference distribution
(no drift at all), so any feature flagged on it is a false alarm.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

FEATURES = [f"f{i}" for i in range(10)]
# feature -> (kind, strength), in units of the reference standard deviation
INJECTED = {
    "f0": ("mean shift", 0.3),
    "f1": ("variance x", 1.5),
    "f2": ("mean shift", 1.0),
    "f3": ("mean shift", 0.05),
}
DRIFTED = sorted(INJECTED)
T0 = time.perf_counter()


def param(name, default):
    return int(os.environ.get("BAKEOFF_PARAM_" + name.upper(), default))


def make(n, seed=20261129, drift=True):
    """(reference, current) with n rows each; drift=False gives the no-drift control."""
    rng = np.random.default_rng(seed + n)
    ref = pd.DataFrame(rng.normal(size=(n, len(FEATURES))), columns=FEATURES)
    cur = pd.DataFrame(rng.normal(size=(n, len(FEATURES))), columns=FEATURES)
    if drift:
        for col, (kind, s) in INJECTED.items():
            cur[col] = cur[col] * s if kind.startswith("variance") else cur[col] + s
    return ref, cur


def score(detected, control_detected=None):
    detected = set(detected)
    tp = len(detected & set(DRIFTED))
    out = {
        "true_pos": tp,
        "false_pos": len(detected - set(DRIFTED)),
        "precision": round(tp / len(detected), 4) if detected else 0.0,
        "recall": round(tp / len(DRIFTED), 4),
        "detected": sorted(detected),
        "missed": sorted(set(DRIFTED) - detected),
    }
    if control_detected is not None:
        out["false_alarms_control"] = len(set(control_detected))
    return out


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def fail(reason, **fields):
    print("check failed: " + reason, file=sys.stderr)
    out = {"ok": False, "reason": reason}
    out.update(fields)
    print(json.dumps(out))
    sys.exit(0)


def emit(**fields):
    out = {"ok": True}
    out.update(fields)
    print(json.dumps(out))


def main(tool, version, import_s, detect, report=None):
    """Run one step (argv[1]) with the tool's detect(ref, cur) -> {feature: drifted?} and report(ref, cur, path)."""
    step = sys.argv[1]
    work = os.environ.get("BAKEOFF_WORK", os.getcwd())
    common = {"version": version, "import_s": round(import_s, 3)}
    if step in ("detect_10k", "detect_100k"):
        n = param("rows_small", 10_000) if step == "detect_10k" else param("rows_large", 100_000)
        ref, cur = make(n)
        t = time.perf_counter()
        verdict = detect(ref, cur)
        detect_s = time.perf_counter() - t
        if set(verdict) != set(FEATURES):
            fail(f"the tool gave a verdict for {sorted(verdict)}, expected every feature {FEATURES}")
        out = {"rows": n, "features": len(FEATURES), "injected": len(DRIFTED), "detect_s": round(detect_s, 3)}
        control = None
        if step == "detect_10k":
            cref, ccur = make(n, drift=False)
            t = time.perf_counter()
            cverdict = detect(cref, ccur)
            out["control_detect_s"] = round(time.perf_counter() - t, 3)
            if set(cverdict) != set(FEATURES):
                fail(f"the tool gave a control verdict for {sorted(cverdict)}, expected every feature")
            control = [c for c, d in cverdict.items() if d]
        out.update(score([c for c, d in verdict.items() if d], control))
        out.update(common, peak_rss_mb=peak_rss_mb(), total_s=round(time.perf_counter() - T0, 3))
        emit(**out)
    elif step == "report":
        if report is None:
            fail(f"{tool} writes no report artifact")
        n = param("rows_small", 10_000)
        ref, cur = make(n)
        path = os.path.join(work, f"{tool}-drift-report.html")
        t = time.perf_counter()
        report(ref, cur, path)
        report_s = time.perf_counter() - t
        if not os.path.exists(path):
            fail(f"no report at {path}")
        size = os.path.getsize(path)
        text = open(path, "rb").read()
        mentions = sum(1 for f in FEATURES if f.encode() in text)
        out = dict(report_bytes=size, report_s=round(report_s, 3), features_mentioned=mentions, rows=n, **common)
        if size < 1000:
            fail(f"the report is only {size} bytes", **out)
        if mentions < len(FEATURES):
            fail(f"the report names only {mentions} of the {len(FEATURES)} features", **out)
        emit(**out, peak_rss_mb=peak_rss_mb())
    else:
        raise SystemExit(f"unknown step {step}")
