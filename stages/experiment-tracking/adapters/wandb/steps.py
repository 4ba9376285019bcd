"""Weights & Biases adapter, offline mode (WANDB_MODE=offline): runs are written under {work}/wandb and
would be uploaded later with `wandb sync`. Offline runs are read back with W&B's own log reader
(offline_runs.py), which the query and the export use; the registry and artifact downloads need the server."""
import glob, os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import model_data, run_plan, save_state, sizes
import offline_runs

t0 = time.time()
import wandb
import_s = time.time() - t0
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())


def setup():
    t = time.time()
    wandb.setup()            # starts the wandb-core service process
    init_s = time.time() - t
    wandb.teardown()
    done(os.environ.get("WANDB_MODE") == "offline", "WANDB_MODE is not offline", import_s=import_s, init_s=init_s)


def log_runs():
    n, p, s = sizes()
    _, runs = run_plan(n, p, s)
    t = time.time()
    for r in runs:
        run = wandb.init(project="bakeoff", name=r["name"], config=r["params"], reinit="finish_previous")
        for step in range(s):
            run.log({"loss": r["loss"][step], "acc": r["acc"][step]}, step=step)
        run.finish()
    log_s = time.time() - t
    found = [d for d in glob.glob(f"{WORK}/wandb/offline-run-*") if glob.glob(d + "/*.wandb")]
    done(len(found) == n, f"{len(found)} offline run folders, expected {n}", runs_logged=len(found),
         metric_points=n * s * 2, log_s=log_s, per_run_ms=1000 * log_s / n, import_s=import_s)


def log_model():
    import joblib
    X, _, clf = model_data()
    t = time.time()
    run = wandb.init(project="bakeoff", name="model")
    joblib.dump(clf, f"{WORK}/model.joblib")
    art = wandb.Artifact("bakeoff-model", type="model")
    art.add_file(f"{WORK}/model.joblib")
    run.log_artifact(art)
    run.finish()
    log_model_s = time.time() - t
    size = os.path.getsize(f"{WORK}/model.joblib")
    ok = art.manifest is not None and len(art.manifest.entries) == 1
    save_state(expected=clf.predict(X).tolist())
    done(ok, "artifact manifest has no entry", artifact_bytes=size, log_model_s=log_model_s)


def training_runs():
    """The logged training runs (named run-NNNN; the model step adds a run named model), read back offline."""
    return [r for r in offline_runs.all_runs(f"{WORK}/wandb") if str(r.get("name", "")).startswith("run-")]


def query_best():
    n, p, s = sizes()
    best, _ = run_plan(n, p, s)
    t = time.time()
    # No query API offline (wandb.Api needs a server): read every run, pick the highest final accuracy.
    runs = training_runs()
    top = max(runs, key=lambda r: offline_runs.user_metrics(r).get("acc", float("-inf")), default={})
    query_s = time.time() - t
    got = top.get("name")
    done(got == best and len(runs) == n, f"best run reported {got} of {len(runs)} runs read, expected {best} of {n}",
         best_run_correct=got == best, query_s=query_s, runs_read=len(runs))


def export_runs():
    import csv
    n, _, _ = sizes()
    t = time.time()
    runs = training_runs()
    rows = [{"run_id": r.get("run_id"), "name": r.get("name"), "state": r.get("state"),
             **{f"params.{k}": v for k, v in sorted(r.get("config", {}).items())},
             **{f"metrics.{k}": v for k, v in sorted(offline_runs.user_metrics(r).items())}} for r in runs]
    columns = sorted({k for row in rows for k in row})
    with open(f"{WORK}/runs.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    export_s = time.time() - t
    exported = sum(1 for _ in csv.DictReader(open(f"{WORK}/runs.csv")))
    done(exported == n, f"{exported} rows exported, expected {n}", rows_exported=exported, export_s=export_s)


dispatch(setup, log_runs, query_best, log_model, export_runs)
