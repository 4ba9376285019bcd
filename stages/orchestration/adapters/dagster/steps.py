"""Dagster adapter: an op job with a dynamic fan-out (DynamicOut -> map -> collect), executed in process on
a persistent instance (sqlite run and event storage under DAGSTER_HOME, telemetry off in dagster.yaml)."""
import os, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WORK, done, expected, fan_out, mark, marks, set_phase, timing

t0 = time.time()
import dagster as dg
import_s = time.time() - t0


@dg.op(out=dg.DynamicOut(int))
def source(context):
    mark("source")
    for i in range(fan_out()):
        yield dg.DynamicOutput(i, mapping_key=str(i))


@dg.op
def square(x: int) -> int:
    mark("square")
    return x * x


@dg.op
def total(xs: list) -> int:
    mark("total")
    return sum(xs)


@dg.job
def pipeline():
    total(source().map(square).collect())


@dg.op(retry_policy=dg.RetryPolicy(max_retries=1))
def flaky() -> str:
    mark("flaky")
    if len(marks("retry", "flaky")) == 1:
        raise RuntimeError("first attempt fails on purpose")
    return "ok"


@dg.job
def retry_job():
    flaky()


def instance():
    return dg.DagsterInstance.get()


def setup():
    home = os.environ["DAGSTER_HOME"]
    t = time.time()
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "dagster.yaml"), "w") as f:
        f.write("telemetry:\n  enabled: false\n")
    inst = instance()
    inst.get_runs()              # creates the sqlite storages and runs their migrations
    init_s = time.time() - t
    done(os.path.isdir(os.path.join(home, "history")), "no run storage under DAGSTER_HOME", import_s=import_s, init_s=init_s)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    inst = instance()
    t = time.time(); res = pipeline.execute_in_process(instance=inst); t_end = time.time()
    result = res.output_for_node("total") if res.success else None
    done(res.success and result == expected(n), f"fan-in {result}, expected {expected(n)}",
         result_correct=result == expected(n), import_s=import_s, **timing("fan_out", t, t_end))


def retry():
    set_phase("retry")
    inst = instance()
    t = time.time(); res = retry_job.execute_in_process(instance=inst, raise_on_error=False); run_s = time.time() - t
    attempts = len(marks("retry", "flaky"))
    ok = res.success and attempts == 2
    done(ok, f"success {res.success} after {attempts} attempts", attempts=attempts, retried_ok=ok, run_s=run_s)


{"setup": setup, "fan_out": fan_out_step, "retry": retry}[sys.argv[1]]()
