"""Airflow DAGs of the bakeoff scenario. setup copies this file into the dags folder: Airflow 3's dag.test()
re-parses the dags-folder bundle and fails ("not serialized") for a DAG defined elsewhere.
Run as `python <dags>/bakeoff_dag.py fan_out|retry`: each runs one DAG in process with dag.test()."""
import os, sys, time
from datetime import timedelta
sys.dont_write_bytecode = True
sys.path.insert(0, os.environ["BAKEOFF_ADAPTER"])
from common import WORK, done, expected, fan_out, mark, marks, set_phase, timing

t0 = time.time()
import pendulum
from airflow.sdk import dag, task
import_s = time.time() - t0
START = pendulum.datetime(2024, 1, 1, tz="UTC")


@dag(dag_id="bakeoff_fan_out", schedule=None, start_date=START, catchup=False)
def fan_out_dag():
    @task
    def source() -> list[int]:
        mark("source")
        return list(range(fan_out()))

    @task
    def square(x: int) -> int:
        mark("square")
        return x * x

    @task
    def total(xs) -> int:
        mark("total")
        s = sum(xs)
        with open(os.path.join(WORK, "total.txt"), "w") as f:
            f.write(str(s))
        return s

    total(square.expand(x=source()))


@dag(dag_id="bakeoff_retry", schedule=None, start_date=START, catchup=False)
def retry_dag():
    @task(retries=1, retry_delay=timedelta(seconds=0))
    def flaky() -> str:
        mark("flaky")
        if len(marks("retry", "flaky")) == 1:
            raise RuntimeError("first attempt fails on purpose")
        return "ok"

    flaky()


fan_out_d = fan_out_dag()
retry_d = retry_dag()

if __name__ == "__main__":          # the dags-folder parser imports this file too; only run when executed
    step = sys.argv[1]
    if step == "fan_out":
        n = fan_out(); set_phase("fan_out")
        t = time.time(); dr = fan_out_d.test(); t_end = time.time()
        got = int(open(os.path.join(WORK, "total.txt")).read()) if os.path.exists(os.path.join(WORK, "total.txt")) else None
        ok = str(dr.state) == "success" and got == expected(n)
        done(ok, f"dag run {dr.state}, fan-in {got}, expected {expected(n)}", result_correct=got == expected(n),
             import_s=import_s, **timing("fan_out", t, t_end))
    elif step == "retry":
        set_phase("retry")
        t = time.time(); dr = retry_d.test(); run_s = time.time() - t
        attempts = len(marks("retry", "flaky"))
        ok = str(dr.state) == "success" and attempts == 2
        done(ok, f"dag run {dr.state} after {attempts} attempts", attempts=attempts, retried_ok=ok, run_s=run_s)
