"""train-and-register: python run.py train_and_log|read_back|register_and_load (see integration.yaml)."""
import json
import os
import sys

sys.dont_write_bytecode = True
from bakeoff_step import Timer, check, dispatch, done, param  # noqa: E402
import pair  # noqa: E402


def logged():
    check(os.path.exists(pair.path("logged.json")), "no logged run: the train_and_log step did not complete")
    return json.load(open(pair.path("logged.json")))


def train_and_log():
    orchestrator = pair.role("orchestration")
    timer = Timer()
    pair.calling(orchestrator.run_pipeline, "train-and-log", ["handoff:prepare", "handoff:train_and_log"])
    run_s = timer()
    check(os.path.exists(pair.path("logged.json")), "the pipeline ended without the training task's run id", run_s=run_s)
    done(True, run_s=run_s, accuracy=round(logged()["metrics"]["accuracy"], 4))


def read_back():
    run = logged()
    tracker = pair.role("experiment-tracking")
    timer = Timer()
    metrics = pair.calling(tracker.read_run, run["run_id"])
    read_s = timer()
    want = run["metrics"]["accuracy"]
    got = metrics.get("accuracy")
    match = got is not None and abs(float(got) - want) <= 1e-9 * max(1.0, abs(want))
    check(match, f"the tracker returned accuracy {got!r}, the task logged {want!r}", read_s=read_s, metrics_match=False)
    done(True, read_s=read_s, metrics_match=True)


def register_and_load():
    run = logged()
    tracker = pair.role("experiment-tracking")
    name = param("model_name", "bakeoff-model")
    timer = Timer()
    version = pair.calling(tracker.register, run["run_id"], name)
    register_s = timer()
    timer = Timer()
    path = pair.calling(tracker.load_registered, name, str(version))
    load_s = timer()
    same = pair.sha256(path) == pair.sha256(pair.path("model.pkl"))
    metrics = dict(register_s=register_s, load_s=load_s, same_bytes=same)
    check(same, f"version {version} of {name} from the registry differs from the trained model", **metrics)
    done(True, **metrics)


if __name__ == "__main__":
    dispatch(train_and_log, read_back, register_and_load)
