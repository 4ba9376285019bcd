import Foundation

/// `bakeoff_step.py`: the step protocol for steps written in Python (the verdict line, parameters, dispatch
/// on the step id), shipped inside bakeoff so no adapter installs or copies it. The runner writes it into the
/// run's work folder (`write(into:)`) and `StepEnvironment.forStep` puts that folder last on every step's
/// PYTHONPATH. docs/adapters.md describes it; this text is the only copy.
public enum BakeoffStepModule {
    public static let fileName = "bakeoff_step.py"

    /// Writes the module into `folder` (created when missing), replacing it atomically.
    public static func write(into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(source.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(fileName)"), options: .atomic)
    }

    public static let source = #"""
"""The step protocol of Bakeoff, for a step written in Python (docs/adapters.md, "The verdict line").

`bakeoff run` writes this module into the run's work folder and puts that folder last on every step's
PYTHONPATH, so a step script needs nothing installed to use it:

    from bakeoff_step import dispatch, done, param

    def log_runs():
        n = param("runs", 100)                   # BAKEOFF_PARAM_RUNS, as an int
        ...
        done(found == n, f"{found} runs stored, expected {n}", runs_logged=found, log_s=elapsed)

    dispatch(log_runs)                           # python steps.py log_runs

A step's verdict is its last stdout line, one JSON object: "ok", the metrics (numbers and booleans; the
runner ignores other values), and "reason" when not ok; or {"ok": false, "unsupported": REASON} when the
tool cannot do the step here. Print anything before it; stderr is free."""
import json
import math
import os
import sys
import time

DIGITS = 4          # floats are written rounded to 4 decimals (0.1 ms in seconds)


def _value(v):
    if isinstance(v, float):
        return round(v, DIGITS) if math.isfinite(v) else None      # NaN is not JSON; the runner skips a null
    return v


def _verdict(fields):
    print(json.dumps({k: _value(v) for k, v in fields.items()}))
    sys.stdout.flush()
    sys.exit(0)


def done(ok, reason="", **metrics):
    """Ends the step with its verdict: ok (a check's outcome), the metrics, and the reason when not ok
    (also printed to stderr as "check failed: REASON")."""
    if not ok:
        print(f"check failed: {reason}", file=sys.stderr)
    fields = {"ok": bool(ok)}
    fields.update(metrics)
    if not ok:
        fields["reason"] = reason
    _verdict(fields)


def fail(reason, **metrics):
    """Ends the step as failed with `reason` (and whatever metrics were measured before the check failed)."""
    done(False, reason, **metrics)


def check(condition, reason, **metrics):
    """Ends the step as failed with `reason` unless `condition` holds; returns otherwise."""
    if not condition:
        done(False, reason, **metrics)


def unsupported(reason):
    """Ends the step as unsupported: the tool cannot do it here, and `reason` says why. Known before the run,
    say it in adapter.yaml instead (`STEP: {unsupported: "REASON"}`)."""
    _verdict({"ok": False, "unsupported": str(reason)})


def param(name, default):
    """The scenario parameter `name` (BAKEOFF_PARAM_NAME: upper-cased, '-' as '_'), converted to the type of
    `default` (int, float or str); `default` when the scenario does not set it."""
    value = os.environ.get("BAKEOFF_PARAM_" + name.upper().replace("-", "_"))
    return default if value is None else type(default)(value)


class Timer:
    """Seconds since it was made, rounded to 4 decimals: `timer = Timer(); ...; done(True, load_s=timer())`."""

    def __init__(self):
        self.started = time.perf_counter()

    def __call__(self):
        return round(time.perf_counter() - self.started, DIGITS)


def dispatch(*functions, **named):
    """Runs the step the first command-line argument names: the function of `functions` with that name ('-'
    and '.' in a step id read as '_'), or named[STEP]. Each takes no argument and ends with a verdict."""
    steps = {f.__name__: f for f in functions}
    steps.update(named)
    step = sys.argv[1] if len(sys.argv) > 1 else ""
    function = steps.get(step) or steps.get(step.replace("-", "_").replace(".", "_"))
    if function is None:
        fail(f"{os.path.basename(sys.argv[0])} has no step {step!r}; it has: {', '.join(sorted(steps))}")
    return function()
"""#
}
