"""Shared by the orchestration adapters: the pipeline's real work (prepare a seeded dataset, train `fan_out`
small models, evaluate them), task marks, timing and reporting.

The work is the same for every tool: numpy only, one BLAS thread per process (set before numpy is imported),
so a task is one core's worth of work and the fan-out shows whether the tool runs independent tasks side by
side. Every task body records when it started and ended (a mark file per body, in the folder of the current
phase, BAKEOFF_PHASE), so a step can count executed bodies, add up their times (the sequential sum) and compare
that with the wall time from the first body's start to the last body's end (parallelism = sum / wall)."""
import contextlib, json, os, time, uuid

from bakeoff_step import done, param

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

T_START = time.time()
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
SEED = 1129
ROWS, FEATURES, ITERATIONS = 40_000, 40, 500


def fan_out():
    return param("fan_out", 8)


def set_phase(phase):
    os.environ["BAKEOFF_PHASE"] = phase
    os.makedirs(os.path.join(WORK, "marks", phase), exist_ok=True)


@contextlib.contextmanager
def body(name):
    """Marks one task body: its start and end times, written when it ends (also when it raises)."""
    phase = os.environ.get("BAKEOFF_PHASE", "default")
    folder = os.path.join(WORK, "marks", phase)
    os.makedirs(folder, exist_ok=True)
    start, cpu = time.time(), time.thread_time()
    try:
        yield
    finally:
        with open(os.path.join(folder, f"{name}.{uuid.uuid4().hex}"), "w") as f:
            f.write(f"{start!r} {time.time()!r} {time.thread_time() - cpu!r}")


def bodies(phase, prefix=""):
    """(start, end, cpu seconds) of every marked body of the phase whose name starts with prefix, by start."""
    folder = os.path.join(WORK, "marks", phase)
    if not os.path.isdir(folder):
        return []
    return sorted(tuple(float(v) for v in open(os.path.join(folder, f)).read().split())
                  for f in os.listdir(folder) if f.startswith(prefix))


def spans(phase, prefix=""):
    """(start, end) of every marked body of the phase whose name starts with prefix, by start."""
    return [(s, e) for s, e, _ in bodies(phase, prefix)]


def marks(phase, prefix=""):
    """Start times of the phase's bodies (one per executed attempt)."""
    return [s for s, _ in spans(phase, prefix)]


def fan_out_figures(trains, prefix=""):
    """Wall time of the training fan-out (first start to last end), the sum of the bodies' CPU seconds (the
    sequential sum), parallelism (sum / wall) and concurrency (sum of the bodies' wall times / wall: how many
    were in flight at once on average, whether or not they got a core)."""
    if not trains:
        return {}
    wall = max(e for _, e, _ in trains) - min(s for s, _, _ in trains)
    cpu = sum(c for _, _, c in trains)
    inflight = sum(e - s for s, e, _ in trains)
    return {prefix + "fan_out_wall_s": wall, prefix + "fan_out_sum_s": cpu,
            prefix + "parallelism": cpu / wall if wall > 0 else 1.0,
            prefix + "concurrency": inflight / wall if wall > 0 else 1.0,
            prefix + "load_average": os.getloadavg()[0]}


# ---- the pipeline's work -------------------------------------------------------------------------------

def data_path():
    return os.path.join(WORK, "data", "dataset.npz")


def model_path(i):
    return os.path.join(WORK, "models", f"model-{i}.npy")


def prepare():
    """Generates the seeded classification dataset (ROWS x FEATURES, labels from a hidden linear rule plus
    noise) and splits it 80/20; returns the file path."""
    import numpy as np
    rng = np.random.default_rng(SEED)
    x = rng.standard_normal((ROWS, FEATURES))
    w = rng.standard_normal(FEATURES)
    y = (x @ w + 0.5 * rng.standard_normal(ROWS) > 0).astype(np.float64)
    cut = int(ROWS * 0.8)
    os.makedirs(os.path.dirname(data_path()), exist_ok=True)
    tmp = data_path() + ".tmp.npz"
    np.savez(tmp, x_train=x[:cut], y_train=y[:cut], x_test=x[cut:], y_test=y[cut:])
    os.replace(tmp, data_path())
    return data_path()


def train(i, path):
    """Trains model i: logistic regression by full-batch gradient descent with L2 strength 10^(i-6), a fixed
    number of iterations; saves the weights and returns the training accuracy."""
    import numpy as np
    d = np.load(path)
    x, y = d["x_train"], d["y_train"]
    lam = 10.0 ** (i - 6)
    w = np.zeros(x.shape[1])
    for _ in range(ITERATIONS):
        p = 0.5 * (1 + np.tanh(0.5 * (x @ w)))       # the logistic function, without overflow
        w -= 0.5 * (x.T @ (p - y) / len(y) + lam * w)
    os.makedirs(os.path.dirname(model_path(i)), exist_ok=True)
    np.save(model_path(i) + ".tmp.npy", w)
    os.replace(model_path(i) + ".tmp.npy", model_path(i))
    return float(((x @ w > 0) == (y > 0.5)).mean())


def test_accuracies(n, path):
    """Held-out accuracy of each saved model (the evaluation, also used to check a tool's fan-in result)."""
    import numpy as np
    d = np.load(path)
    x, y = d["x_test"], d["y_test"]
    return [float(((x @ np.load(model_path(i)) > 0) == (y > 0.5)).mean()) for i in range(n)]


def evaluate(n, path):
    """Fan-in: evaluates the n models on the held-out rows, writes results.json, returns the best accuracy."""
    accs = test_accuracies(n, path)
    best = max(range(n), key=lambda i: (accs[i], -i))
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump({"accuracies": accs, "best_model": best, "best_accuracy": accs[best]}, f, sort_keys=True)
    return accs[best]


def check(n, reported):
    """The fan-in result is right when every model file exists and the reported best accuracy equals the
    held-out accuracy recomputed from the saved models (and is a real model: above 0.8)."""
    try:
        best = max(test_accuracies(n, data_path()))
    except (OSError, ValueError) as e:
        return False, f"models or data missing: {e}"
    if reported is None or abs(best - reported) > 1e-12:
        return False, f"fan-in reported {reported}, recomputed {best}"
    if best < 0.8:
        return False, f"best held-out accuracy {best} is below 0.8"
    return True, ""


def results_digest():
    """SHA-256 of results.json (a cached re-run must leave it as it was)."""
    import hashlib
    p = os.path.join(WORK, "results.json")
    return hashlib.sha256(open(p, "rb").read()).hexdigest() if os.path.exists(p) else None


def timing(phase, t_call, t_end):
    """startup_s: process start to the first task body; run_s: the tool's call; sequential_s: the task bodies'
    CPU seconds added up; overhead_s: run_s minus that (clamped at 0); then the training fan-out's figures."""
    all_bodies = bodies(phase)
    if not all_bodies:
        return {"tasks": 0}
    seq = sum(c for _, _, c in all_bodies)
    out = {"tasks": len(all_bodies), "startup_s": all_bodies[0][0] - T_START, "run_s": t_end - t_call,
           "sequential_s": seq, "overhead_s": max(0.0, (t_end - t_call) - seq)}
    out.update(fan_out_figures(bodies(phase, "train")))
    return out


# ---- retry and re-run checks, the same for every tool ----------------------------------------------------

RETRY_MODEL = 99          # the retried training task's model index (apart from the fan-out's models)


def flaky_train(path):
    """A training task whose first attempt trains and then fails before its model is kept (as a lost worker
    would); the second attempt keeps it. Attempts are counted from the phase's marks."""
    first = not marks(os.environ.get("BAKEOFF_PHASE", "retry"), "flaky")
    with body("flaky"):
        acc = train(RETRY_MODEL, path)
        if first:
            os.remove(model_path(RETRY_MODEL))
            raise RuntimeError("first attempt fails on purpose after training")
        return acc


def retry_result(phase, run_s, tool_ok):
    """Reports the retry step: two attempts and a saved, usable model."""
    attempts = len(marks(phase, "flaky"))
    saved = os.path.exists(model_path(RETRY_MODEL))
    ok = tool_ok and attempts == 2 and saved
    done(ok, f"tool success {tool_ok}, {attempts} attempts, model saved {saved}", attempts=attempts,
         retried_ok=ok, run_s=run_s)


def fan_out_result(phase, n, reported, t_call, t_end, tool_ok=True, **extra):
    """Reports the fan-out step: the checked fan-in result and the timing."""
    ok, why = check(n, reported) if tool_ok else (False, "the tool reported a failed run")
    done(ok, why, result_correct=ok, best_accuracy=reported if isinstance(reported, float) else 0.0,
         **extra, **timing(phase, t_call, t_end))


def rerun_result(phase, n, reported, before, run_s, expected_executed=0, tool_ok=True):
    """Reports the cached re-run: bodies that ran again, the result checked, results.json unchanged."""
    executed = len(spans(phase))
    ok, why = check(n, reported) if tool_ok else (False, "the tool reported a failed run")
    unchanged = before is not None and results_digest() == before
    good = ok and unchanged and executed == expected_executed
    done(good, f"{executed} bodies ran again (expected {expected_executed}), result check: {why or 'ok'}, "
         f"results unchanged {unchanged}", tasks_executed=executed, tasks_skipped=n + 2 - executed,
         result_correct=ok, results_unchanged=unchanged, run_s=run_s)
