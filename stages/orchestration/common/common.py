"""Shared by the orchestration adapters: fan-out size, task-start marks, timing and reporting.
Each adapter folder holds its own copy, so an adapter stays self-contained.
Every task body calls mark(): it records when the body started, in the folder of the current phase
(BAKEOFF_PHASE), so the script can count executed bodies and split start-up from per-task overhead."""
import json, os, sys, time, uuid

T_START = time.time()
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())


def fan_out():
    return int(os.environ.get("BAKEOFF_PARAM_FAN_OUT", "8"))


def expected(n):
    return sum(i * i for i in range(n))


def set_phase(phase):
    os.environ["BAKEOFF_PHASE"] = phase
    os.makedirs(os.path.join(WORK, "marks", phase), exist_ok=True)


def mark(name):
    phase = os.environ.get("BAKEOFF_PHASE", "default")
    folder = os.path.join(WORK, "marks", phase)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{name}.{uuid.uuid4().hex}"), "w") as f:
        f.write(repr(time.time()))


def marks(phase, prefix=""):
    folder = os.path.join(WORK, "marks", phase)
    if not os.path.isdir(folder):
        return []
    return sorted(float(open(os.path.join(folder, f)).read()) for f in os.listdir(folder) if f.startswith(prefix))


def timing(phase, t_call, t_end):
    """startup_s: process start to the first task body; per_task_ms: first body to the end, per task."""
    m = marks(phase)
    if not m:
        return {"tasks": 0}
    return {"tasks": len(m), "startup_s": m[0] - T_START, "first_task_after_call_s": m[0] - t_call,
            "per_task_ms": 1000 * (t_end - m[0]) / len(m), "run_s": t_end - t_call}


def done(ok, reason="", **metrics):
    if not ok:
        print(f"check failed: {reason}", file=sys.stderr)
    out = {"ok": bool(ok)}
    out.update({k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()})
    if not ok:
        out["reason"] = reason
    print(json.dumps(out))
    sys.stdout.flush()
    sys.exit(0)
