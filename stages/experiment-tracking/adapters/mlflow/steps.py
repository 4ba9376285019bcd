"""MLflow adapter: a local sqlite tracking store (MLFLOW_TRACKING_URI) and file artifacts under the work dir."""
import os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import T_START, model_data, run_plan, save_state, sizes, state, tree_bytes

t0 = time.time()
import mlflow
from mlflow import MlflowClient
import_s = time.time() - t0
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
MODEL = "bakeoff-model"


def experiment_id():
    return state()["experiment_id"]


def setup():
    t = time.time()
    exp_id = mlflow.create_experiment("bakeoff", artifact_location=f"file://{WORK}/artifacts")   # first use migrates the db
    init_s = time.time() - t
    save_state(experiment_id=exp_id)
    ok = mlflow.get_experiment(exp_id) is not None and os.path.exists(f"{WORK}/mlflow.db")
    done(ok, "experiment not found after creation", import_s=import_s, init_s=init_s)


def log_runs():
    n, p, s = sizes()
    _, runs = run_plan(n, p, s)
    mlflow.set_experiment(experiment_id=experiment_id())
    t = time.time()
    for r in runs:
        with mlflow.start_run(run_name=r["name"]):
            mlflow.log_params(r["params"])
            for step in range(s):
                mlflow.log_metrics({"loss": r["loss"][step], "acc": r["acc"][step]}, step=step)
    log_s = time.time() - t
    found = len(mlflow.search_runs([experiment_id()], max_results=100000))
    done(found == n, f"{found} runs in the store, expected {n}", runs_logged=found, metric_points=n * s * 2,
         log_s=log_s, per_run_ms=1000 * log_s / n, import_s=import_s)


def query_best():
    n, p, s = sizes()
    best, _ = run_plan(n, p, s)
    t = time.time()
    df = mlflow.search_runs([experiment_id()], order_by=["metrics.acc DESC"], max_results=1)
    query_s = time.time() - t
    got = df["tags.mlflow.runName"].iloc[0] if len(df) else None
    done(got == best, f"best run reported {got}, expected {best}", best_run_correct=got == best, query_s=query_s)


def log_model():
    X, y, clf = model_data()
    mlflow.set_experiment(experiment_id=experiment_id())
    t = time.time()
    with mlflow.start_run(run_name="model") as run:
        info = mlflow.sklearn.log_model(clf, name="model", input_example=X[:2])
    log_model_s = time.time() - t
    path = mlflow.artifacts.download_artifacts(info.model_uri, dst_path=f"{WORK}/model-check")
    size = tree_bytes(path)
    save_state(model_uri=info.model_uri, expected=clf.predict(X).tolist())
    done(size > 0, "no artifact files", artifact_bytes=size, log_model_s=log_model_s)


def register_model():
    t = time.time()
    mv = mlflow.register_model(state()["model_uri"], MODEL)
    register_s = time.time() - t
    done(str(mv.version) == "1", f"registered version {mv.version}", model_version=int(mv.version), register_s=register_s)


def promote():
    client = MlflowClient()
    t = time.time()
    client.set_registered_model_alias(MODEL, "production", "1")
    promote_s = time.time() - t
    got = client.get_model_version_by_alias(MODEL, "production").version
    done(str(got) == "1", f"alias resolves to {got}", promoted=str(got) == "1", promote_s=promote_s)


def load_predict():
    X, _, _ = model_data()
    t = time.time()
    model = mlflow.pyfunc.load_model(f"models:/{MODEL}@production")
    load_s = time.time() - t
    pred = [int(v) for v in model.predict(X)]
    same = pred == state()["expected"]
    done(same, "predictions differ from the trained model's", same_predictions=same, load_s=load_s)


def export_runs():
    n, _, _ = sizes()
    t = time.time()
    df = mlflow.search_runs([experiment_id()], filter_string="tags.mlflow.runName LIKE 'run-%'", max_results=100000)
    df.to_csv(f"{WORK}/runs.csv", index=False)
    export_s = time.time() - t
    import csv
    rows = sum(1 for _ in csv.DictReader(open(f"{WORK}/runs.csv")))
    done(rows == n, f"{rows} rows exported, expected {n}", rows_exported=rows, export_s=export_s)


dispatch(setup, log_runs, query_best, log_model, register_model, promote, load_predict, export_runs)
