"""Metaflow adapter: flows run locally (local datastore and metadata under the work dir) with
`python flow.py run --max-workers 2`, one process per task (at most 2 at once, one per core here); results
read back with the client API. The re-run is `resume join`: Metaflow clones the finished tasks and
re-executes from the fan-in step. The schedule step is unsupported offline (see adapter.yaml)."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
from bakeoff_step import dispatch, done
from common import WORK, fan_out, fan_out_result, rerun_result, results_digest, retry_result, set_phase

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
    fan_out_result("fan_out", n, Flow("FanFlow").latest_run.data.total, t, t_end, import_s=import_s)


def retry():
    set_phase("retry")
    t = time.time(); p = flow("retry_flow.py", "run"); run_s = time.time() - t
    ok = p.returncode == 0
    if ok:
        namespace(None)
        ok = Flow("RetryFlow").latest_run.data.attempt == 1       # retry_count 1 = the second attempt
    else:
        print(p.stderr[-1500:], file=sys.stderr)
    retry_result("retry", run_s, ok)


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    before = results_digest()
    t = time.time(); p = flow("fan_flow.py", "resume", "join", "--max-workers", "2"); run_s = time.time() - t
    if p.returncode != 0:
        done(False, f"resume failed: {p.stderr[-1500:]}")
    namespace(None)
    rerun_result("rerun", n, Flow("FanFlow").latest_run.data.total, before, run_s, expected_executed=1)


dispatch(setup, retry, cached_rerun, fan_out=fan_out_step)
