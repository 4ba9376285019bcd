"""Aim adapter: a local Aim repository (.aim) in the work dir; artifacts on a file:// URI beside it.
Finished runs are invisible to SDK reads until the index is rebuilt (`aim storage reindex`), which the
Aim UI does in the background; headless scripts do it themselves, and the time is reported."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import model_data, run_plan, save_state, sizes, state

t0 = time.time()
from aim import Repo, Run
import_s = time.time() - t0
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())


def reindex():
    t = time.time()
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "aim"), "storage", "--repo", WORK, "reindex", "-y"],
                   check=True, capture_output=True)
    return time.time() - t


def new_run(name):
    run = Run(repo=WORK, experiment="bakeoff", system_tracking_interval=None, capture_terminal_logs=False,
              log_system_params=False)
    run.name = name
    return run


def setup():
    t = time.time()
    Repo.from_path(WORK, init=True)
    init_s = time.time() - t
    done(os.path.isdir(f"{WORK}/.aim"), "no .aim repository", import_s=import_s, init_s=init_s)


def log_runs():
    n, p, s = sizes()
    _, runs = run_plan(n, p, s)
    t = time.time()
    for r in runs:
        run = new_run(r["name"])
        run["hparams"] = r["params"]
        for step in range(s):
            run.track(r["loss"][step], name="loss", step=step)
            run.track(r["acc"][step], name="acc", step=step)
        run.close()
    log_s = time.time() - t
    reindex_s = reindex()
    found = len([x for x in Repo.from_path(WORK).iter_runs() if x.name.startswith("run-")])
    done(found == n, f"{found} runs readable, expected {n}", runs_logged=found, metric_points=n * s * 2,
         log_s=log_s, per_run_ms=1000 * log_s / n, reindex_s=reindex_s, import_s=import_s)


def query_best():
    n, p, s = sizes()
    best, _ = run_plan(n, p, s)
    t = time.time()
    # AimQL selects the sequences; Aim's SDK has no ordering, so the maximum of the last values is taken here
    # (the dataframe(only_last=True) shortcut reports a sampled step, not the last one)
    last = {m.run.name: m.values.last()[1]
            for m in Repo.from_path(WORK).query_metrics("metric.name == 'acc'", report_mode=0).iter()}
    got = max(last, key=last.get) if last else None
    query_s = time.time() - t
    done(got == best, f"best run reported {got}, expected {best}", best_run_correct=got == best, query_s=query_s)


def log_model():
    import joblib
    X, _, clf = model_data()
    path = f"{WORK}/model.joblib"
    t = time.time()
    joblib.dump(clf, path)
    run = new_run("model")
    run.set_artifacts_uri(f"file://{WORK}/aim-artifacts")
    run.log_artifact(path, name="model.joblib", block=True)
    run_hash = run.hash
    run.close()
    log_model_s = time.time() - t
    reindex_s = reindex()
    stored = [os.path.join(r, f) for r, _, fs in os.walk(f"{WORK}/aim-artifacts") for f in fs]
    save_state(model_run=run_hash, expected=clf.predict(X).tolist())
    done(len(stored) == 1, f"{len(stored)} artifact files stored", artifact_bytes=sum(map(os.path.getsize, stored)),
         log_model_s=log_model_s, reindex_s=reindex_s)


def load_predict():
    import joblib
    X, _, _ = model_data()
    t = time.time()
    run = Repo.from_path(WORK).get_run(state()["model_run"])
    local = run.artifacts["model.joblib"].download(f"{WORK}/model-back")
    model = joblib.load(local if os.path.isfile(local) else os.path.join(local, "model.joblib"))
    load_s = time.time() - t
    same = [int(v) for v in model.predict(X)] == state()["expected"]
    done(same, "predictions differ from the trained model's", same_predictions=same, load_s=load_s)


def export_runs():
    n, _, _ = sizes()
    t = time.time()
    df = Repo.from_path(WORK).query_runs("run.name.startswith('run-')", report_mode=0).dataframe()
    df.to_csv(f"{WORK}/runs.csv", index=False)
    export_s = time.time() - t
    import csv
    rows = sum(1 for _ in csv.DictReader(open(f"{WORK}/runs.csv")))
    done(rows == n, f"{rows} rows exported, expected {n}", rows_exported=rows, export_s=export_s)


dispatch(setup, log_runs, query_best, log_model, load_predict, export_runs)
