"""Prefect adapter: no PREFECT_API_URL, so every process starts Prefect's temporary local API server on a
sqlite database under PREFECT_HOME (its start-up is part of each step's start-up). Tasks run on the
default thread-pool task runner; fan-out tasks cache on their inputs with results persisted under
PREFECT_HOME, so the re-run is served from the cache."""
import os, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WORK, done, expected, fan_out, mark, marks, set_phase, timing

t0 = time.time()
import prefect
from prefect import flow, task
from prefect.cache_policies import INPUTS, TASK_SOURCE
import_s = time.time() - t0
CACHE = dict(cache_policy=INPUTS + TASK_SOURCE, persist_result=True)


@task(**CACHE)
def source(n: int) -> list[int]:
    mark("source")
    return list(range(n))


@task(**CACHE)
def square(x: int) -> int:
    mark("square")
    return x * x


@task(**CACHE)
def total(xs: list[int]) -> int:
    mark("total")
    return sum(xs)


@flow
def pipeline(n: int) -> int:
    items = source(n)
    return total(square.map(items).result())


@task(retries=1, retry_delay_seconds=0)
def flaky() -> str:
    mark("flaky")
    if len(marks("retry", "flaky")) == 1:
        raise RuntimeError("first attempt fails on purpose")
    return "ok"


@flow
def retry_flow() -> str:
    return flaky()


@flow
def empty() -> int:
    return 1


def setup():
    t = time.time()
    ok = empty() == 1            # first use: creates the database and runs its migrations, starts the server
    init_s = time.time() - t
    done(ok and os.path.exists(os.path.join(os.environ["PREFECT_HOME"], "prefect.db")), "no database after the first flow",
         import_s=import_s, init_s=init_s)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    t = time.time(); result = pipeline(n); t_end = time.time()
    done(result == expected(n), f"fan-in {result}, expected {expected(n)}", result_correct=result == expected(n),
         import_s=import_s, **timing("fan_out", t, t_end))


def retry():
    set_phase("retry")
    t = time.time()
    try:
        result = retry_flow()
    except Exception as e:
        result = repr(e)
    run_s = time.time() - t
    attempts = len(marks("retry", "flaky"))
    ok = result == "ok" and attempts == 2
    done(ok, f"result {result} after {attempts} attempts", attempts=attempts, retried_ok=ok, run_s=run_s)


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    t = time.time(); result = pipeline(n); run_s = time.time() - t
    executed = len(marks("rerun"))
    ok = result == expected(n) and executed == 0
    done(ok, f"{executed} bodies ran again, result {result}", tasks_executed=executed, tasks_skipped=n + 2 - executed,
         result_correct=result == expected(n), run_s=run_s)


{"setup": setup, "fan_out": fan_out_step, "retry": retry, "cached_rerun": cached_rerun}[sys.argv[1]]()
