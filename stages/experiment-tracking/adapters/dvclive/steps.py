"""DVC / DVCLive adapter: a git + DVC repository in the work dir. Every run is a DVC experiment saved by
DVCLive (a git ref, no new branch); queries and exports go through `dvc exp show`; the model is a
DVC-tracked artifact declared in dvc.yaml, registered and promoted with GTO (git tags: DVC's model registry)."""
import csv, io, json, os, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import model_data, run_plan, save_state, sizes, state

t0 = time.time()
from dvclive import Live
import_s = time.time() - t0
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
BIN = os.path.dirname(sys.executable)
MODEL = "bakeoff-model"


def sh(*argv):
    p = subprocess.run(list(argv), cwd=WORK, capture_output=True, text=True)
    if p.returncode != 0:
        done(False, f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout


def exclude_homes():
    """HOME and TMPDIR sit inside the work dir (runner layout): keep them out of git and DVC."""
    rel = [os.path.relpath(os.environ[v], WORK) for v in ("HOME", "TMPDIR") if v in os.environ]
    rel = [r for r in rel if not r.startswith("..")]
    with open(os.path.join(WORK, ".git", "info", "exclude"), "a") as f:
        f.write("".join(f"/{r}/\n" for r in rel) + "/bakeoff-state.json\n")
    return rel


def setup():
    t = time.time()
    sh("git", "init", "-q", "-b", "main")
    rel = exclude_homes()
    sh(os.path.join(BIN, "dvc"), "init", "-q")
    with open(os.path.join(WORK, ".dvcignore"), "a") as f:
        f.write("".join(f"/{r}/\n" for r in rel))
    sh("git", "commit", "-qm", "dvc init")
    init_s = time.time() - t
    done(os.path.isdir(f"{WORK}/.dvc"), "no .dvc folder", import_s=import_s, init_s=init_s)


def experiments():
    """`dvc exp show` rows as dicts (CSV output of the DVC CLI)."""
    out = sh(os.path.join(BIN, "dvc"), "exp", "show", "--csv", "--sort-by", "acc", "--sort-order", "desc")
    return [r for r in csv.DictReader(io.StringIO(out)) if r.get("Experiment")]


def log_runs():
    n, p, s = sizes()
    _, runs = run_plan(n, p, s)
    t = time.time()
    for r in runs:
        with Live(exp_name=r["name"], save_dvc_exp=True, report=None) as live:
            live.log_params(r["params"])
            for step in range(s):
                live.log_metric("loss", r["loss"][step])
                live.log_metric("acc", r["acc"][step])
                live.next_step()
    log_s = time.time() - t
    found = len([e for e in experiments() if e["Experiment"].startswith("run-")])
    done(found == n, f"{found} experiments, expected {n}", runs_logged=found, metric_points=n * s * 2,
         log_s=log_s, per_run_ms=1000 * log_s / n, import_s=import_s)


def query_best():
    n, p, s = sizes()
    best, _ = run_plan(n, p, s)
    t = time.time()
    rows = experiments()        # sorted by acc, highest first, by DVC
    query_s = time.time() - t
    got = rows[0]["Experiment"] if rows else None
    done(got == best, f"best run reported {got}, expected {best}", best_run_correct=got == best, query_s=query_s)


def log_model():
    import joblib
    X, _, clf = model_data()
    t = time.time()
    joblib.dump(clf, f"{WORK}/model.joblib")
    with Live(save_dvc_exp=False, report=None) as live:
        live.log_artifact("model.joblib", type="model", name=MODEL)     # dvc add + artifacts: in dvc.yaml
    sh("git", "add", "-A")
    sh("git", "commit", "-qm", "model")
    log_model_s = time.time() - t
    ok = os.path.exists(f"{WORK}/model.joblib.dvc") and MODEL in open(f"{WORK}/dvc.yaml").read()
    save_state(expected=clf.predict(X).tolist())
    done(ok, "model not tracked by DVC or not declared in dvc.yaml",
         artifact_bytes=os.path.getsize(f"{WORK}/model.joblib"), log_model_s=log_model_s)


def register_model():
    import gto.api
    t = time.time()
    gto.api.register(WORK, MODEL, ref="HEAD")
    register_s = time.time() - t
    tags = sh("git", "tag", "--list", f"{MODEL}@*").split()
    done(len(tags) == 1, f"version tags: {tags}", model_version=len(tags), register_s=register_s, tag=tags[0] if tags else None)


def promote():
    import gto.api
    t = time.time()
    gto.api.assign(WORK, MODEL, "prod", version=gto.api.find_latest_version(WORK, MODEL).version)
    promote_s = time.time() - t
    in_prod = gto.api.find_versions_in_stage(WORK, MODEL, "prod")
    ok = bool(in_prod)
    done(ok, "no version in stage prod", promoted=ok, promote_s=promote_s)


def load_predict():
    import dvc.api, gto.api, joblib
    X, _, _ = model_data()
    t = time.time()
    version = gto.api.find_versions_in_stage(WORK, MODEL, "prod")
    version = version[0] if isinstance(version, list) else version
    rev = version.ref if hasattr(version, "ref") else version.version
    with dvc.api.open("model.joblib", repo=WORK, rev=rev, mode="rb") as f:
        model = joblib.load(f)
    load_s = time.time() - t
    same = [int(v) for v in model.predict(X)] == state()["expected"]
    done(same, "predictions differ from the trained model's", same_predictions=same, load_s=load_s)


def export_runs():
    n, _, _ = sizes()
    t = time.time()
    out = sh(os.path.join(BIN, "dvc"), "exp", "show", "--csv", "--all-commits")   # runs hang off the commit before the model
    open(f"{WORK}/runs.csv", "w").write(out)
    export_s = time.time() - t
    rows = sum(1 for r in csv.DictReader(open(f"{WORK}/runs.csv")) if (r.get("Experiment") or "").startswith("run-"))
    done(rows == n, f"{rows} rows exported, expected {n}", rows_exported=rows, export_s=export_s)


dispatch(setup, log_runs, query_best, log_model, register_model, promote, load_predict, export_runs)
