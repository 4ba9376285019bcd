"""Airflow adapter. setup: the dags folder with the scenario's DAG file, then `airflow db migrate` (sqlite
metadata database under AIRFLOW_HOME), timed apart from the import. fan_out, retry and schedule run that DAG
file from the dags folder (bakeoff_dag.py: Airflow only runs DAGs found there).

ui is the client of the `ui` server step: with `airflow standalone` up (API server and UI, scheduler, DAG
processor, triggerer; sqlite metadata database under AIRFLOW_HOME), trigger the fan-out DAG once and wait
until the real scheduler has run it. Airflow's CLI reads the metadata database directly, so no login is
needed. Reports whether the run succeeded, the seconds from trigger to its end, and the training tasks'
parallelism under the scheduler's executor."""
import json, os, shutil, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import WORK, bodies, check, fan_out, fan_out_figures

AIRFLOW = os.path.join(os.path.dirname(sys.executable), "airflow")
DAG_ID = "bakeoff_fan_out_manual"            # the unscheduled copy of the fan-out DAG
RUN_ID = "bakeoff_scheduler_run"


def setup():
    home = os.environ["AIRFLOW_HOME"]
    t = time.time()
    import airflow  # noqa: F401  (its import time is measured)
    import_s = time.time() - t
    os.makedirs(os.path.join(home, "dags"), exist_ok=True)
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bakeoff_dag.py"), os.path.join(home, "dags"))
    t = time.time()
    p = subprocess.run([AIRFLOW, "db", "migrate"], capture_output=True, text=True)
    init_s = time.time() - t
    if p.returncode != 0:
        done(False, f"airflow db migrate failed: {p.stderr[-800:]}")
    done(os.path.exists(os.path.join(home, "airflow.db")), "no metadata database after migrate", import_s=import_s, init_s=init_s)


def airflow(*args):
    return subprocess.run([AIRFLOW, *args], capture_output=True, text=True)


def runs_of(stdout):
    """The JSON list `list-runs -o json` prints: Airflow writes warnings (graphviz missing) to stdout before it."""
    for line in stdout.splitlines():
        if line.startswith("["):
            try:
                return json.loads(line)
            except ValueError:
                pass
    return []


def ui():
    deadline = time.time() + 420
    t = time.time()
    while True:                          # the DAG processor must have parsed the dags folder first
        p = airflow("dags", "trigger", DAG_ID, "--run-id", RUN_ID)
        if p.returncode == 0:
            break
        if time.time() > deadline:
            done(False, f"could not trigger the DAG: {p.stderr[-800:]}")
        time.sleep(3)
    airflow("dags", "unpause", DAG_ID)
    t_trigger = time.time()
    state = None
    while time.time() < deadline:
        p = airflow("dags", "list-runs", DAG_ID, "-o", "json")
        runs = runs_of(p.stdout)
        state = next((r.get("state") for r in runs if r.get("run_id") == RUN_ID), None)
        if state in ("success", "failed"):
            break
        time.sleep(3)
    run_s = time.time() - t_trigger
    results = os.path.join(WORK, "results.json")
    reported = json.load(open(results))["best_accuracy"] if os.path.exists(results) else None
    ok, why = check(fan_out(), reported) if state == "success" else (False, f"scheduler run state {state}")
    done(ok, why, scheduler_run_ok=ok, scheduler_run_s=run_s, trigger_wait_s=t_trigger - t,
         **fan_out_figures(bodies("default", "train"), prefix="scheduler_"))


dispatch(setup, ui)
