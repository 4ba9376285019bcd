"""monitor-app-inputs: python run.py serve_and_log|detect_drift (see integration.yaml)."""
import json
import os
import sys

sys.dont_write_bytecode = True
from bakeoff_step import Timer, check, dispatch, done, param  # noqa: E402
import pair  # noqa: E402


def serve_and_log():
    reference = pair.dataset(param("rows", 2000), 31)
    pair.write_csv(reference, pair.path("reference.csv"))
    pair.save_model(pair.train(reference), pair.path("model.pkl"))
    batch = param("batch", 100)
    inputs = pair.requests(batch, 32) + pair.requests(batch, 33, shift=param("drift", 1.5))
    log = pair.path("served.jsonl")
    if os.path.exists(log):
        os.remove(log)
    _, startup_s, latencies = pair.serve_and_ask(pair.role("web-app"), "handoff:predict", inputs, log)
    logged = [json.loads(line) for line in open(log)] if os.path.exists(log) else []
    metrics = dict(startup_s=startup_s, request_ms=pair.median_ms(latencies), logged=len(logged))
    same = len(logged) == len(inputs) and all(
        all(abs(float(got[f]) - want[f]) <= 1e-9 for f in pair.FEATURES) for got, want in zip(logged, inputs))
    check(same, f"the app logged {len(logged)} inputs, not the {len(inputs)} it was sent, in order", **metrics)
    for name, part in [("control", logged[:batch]), ("shifted", logged[batch:])]:
        pair.write_csv([[float(x[f]) for f in pair.FEATURES] for x in part], pair.path(f"{name}.csv"), label=False)
    done(True, **metrics)


def detect_drift():
    for name in ["control", "shifted"]:
        check(os.path.exists(pair.path(f"{name}.csv")), "no logged inputs: the serve_and_log step did not complete")
    monitor = pair.role("model-monitoring")
    timer = Timer()
    flags = {}
    for name in ["control", "shifted"]:
        flags[name] = pair.calling(monitor.drift, pair.path("reference.csv"), pair.path(f"{name}.csv"), pair.FEATURES)
    drift_s = timer()
    missing = [f"{name}:{c}" for name in flags for c in pair.FEATURES if c not in flags[name]]
    check(not missing, f"the monitor gave no verdict for {', '.join(missing)}", drift_s=drift_s)
    shifted_flagged = bool(flags["shifted"]["x1"])
    false_alarms = sum(bool(v) for v in flags["control"].values()) + sum(
        bool(flags["shifted"][c]) for c in pair.FEATURES if c != "x1")
    done(True, drift_s=drift_s, shifted_flagged=shifted_flagged, false_alarms=false_alarms)


if __name__ == "__main__":
    dispatch(serve_and_log, detect_drift)
