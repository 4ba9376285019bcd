"""Weights & Biases adapter, offline mode (WANDB_MODE=offline): runs are written under {work}/wandb and
would be uploaded later with `wandb sync`. Queries, the registry and artifact downloads need the server."""
import glob, os, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import done, model_data, run_plan, save_state, sizes

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


globals()[sys.argv[1]]()
