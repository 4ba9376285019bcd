"""Metaflow adapter: flows run locally (local datastore and metadata under the work dir) with
`python flow.py run --max-workers 2`, one process per task; results read back with the client API.
The re-run is `resume join`: Metaflow clones the finished tasks and re-executes from the fan-in step."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import WORK, done, expected, fan_out, marks, set_phase, timing

t0 = time.time()
import metaflow
from metaflow import Flow, namespace
import_s = time.time() - t0


def flow(script, *args):
    p = subprocess.run([sys.executable, os.path.join(HERE, script), "--no-pylint", *args], cwd=WORK,
                       capture_output=True, text=True)
    return p


def setup():
    t = time.time()
    p = flow("fan_flow.py", "show")          # parses and validates the flow graph; the local datastore needs no init
    init_s = time.time() - t
    done(p.returncode == 0, f"flow show failed: {p.stderr[-800:]}", import_s=import_s, init_s=init_s)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    t = time.time(); p = flow("fan_flow.py", "run", "--max-workers", "2", "--n", str(n)); t_end = time.time()
    if p.returncode != 0:
        done(False, f"flow run failed: {p.stderr[-1500:]}")
    namespace(None)
    got = Flow("FanFlow").latest_run.data.total
    done(got == expected(n), f"fan-in {got}, expected {expected(n)}", result_correct=got == expected(n),
         import_s=import_s, **timing("fan_out", t, t_end))


def retry():
    set_phase("retry")
    t = time.time(); p = flow("retry_flow.py", "run"); run_s = time.time() - t
    attempts = len(marks("retry", "flaky"))
    ok = p.returncode == 0 and attempts == 2
    if ok:
        namespace(None)
        ok = Flow("RetryFlow").latest_run.data.attempt == 1       # retry_count 1 = the second attempt
    done(ok, f"exit {p.returncode} after {attempts} attempts: {p.stderr[-800:]}", attempts=attempts, retried_ok=ok, run_s=run_s)


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    t = time.time(); p = flow("fan_flow.py", "resume", "join", "--max-workers", "2"); run_s = time.time() - t
    if p.returncode != 0:
        done(False, f"resume failed: {p.stderr[-1500:]}")
    executed = len(marks("rerun"))
    namespace(None)
    got = Flow("FanFlow").latest_run.data.total
    ok = got == expected(n) and executed == 1
    done(ok, f"{executed} bodies ran again, fan-in {got}", tasks_executed=executed, tasks_skipped=n + 2 - executed,
         result_correct=got == expected(n), run_s=run_s)


{"setup": setup, "fan_out": fan_out_step, "retry": retry, "cached_rerun": cached_rerun}[sys.argv[1]]()
