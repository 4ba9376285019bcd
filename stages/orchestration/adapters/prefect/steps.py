"""Prefect adapter: no PREFECT_API_URL, so every process starts Prefect's temporary local API server on a
sqlite database under PREFECT_HOME (its start-up is part of each step's start-up). Tasks run on the
default thread-pool task runner (numpy releases the GIL, so training tasks can overlap); tasks cache on
their inputs and source with results persisted under PREFECT_HOME, so the re-run is served from the cache.
The schedule is a deployment with a cron schedule, registered with the API and read back."""
import os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import (body, evaluate, fan_out, fan_out_result, flaky_train, prepare, rerun_result,
                    results_digest, retry_result, set_phase, train)

t0 = time.time()
import prefect
from prefect import flow, task, unmapped
from prefect.cache_policies import INPUTS, TASK_SOURCE
import_s = time.time() - t0
CACHE = dict(cache_policy=INPUTS + TASK_SOURCE, persist_result=True)
CRON = "0 3 * * *"


@task(**CACHE)
def prepare_data() -> str:
    with body("prepare"):
        return prepare()


@task(**CACHE)
def train_model(i: int, path: str) -> float:
    with body("train"):
        return train(i, path)


@task(**CACHE)
def evaluate_models(n: int, path: str, train_accuracies: list[float]) -> float:
    with body("evaluate"):
        return evaluate(n, path)


@flow
def pipeline(n: int) -> float:
    path = prepare_data()
    futures = train_model.map(range(n), unmapped(path))
    return evaluate_models(n, path, [f.result() for f in futures])


@task(retries=1, retry_delay_seconds=0)
def flaky(path: str) -> float:
    return flaky_train(path)


@flow
def retry_flow() -> float:
    return flaky(prepare())


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
    fan_out_result("fan_out", n, result, t, t_end, import_s=import_s)


def retry():
    set_phase("retry")
    t = time.time()
    try:
        retry_flow(); ok = True
    except Exception:
        ok = False
    retry_result("retry", time.time() - t, ok)


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    before = results_digest()
    t = time.time(); result = pipeline(n); run_s = time.time() - t
    rerun_result("rerun", n, result, before, run_s)


def schedule():
    """A deployment of the pipeline with a daily cron schedule, applied to the API and read back."""
    from prefect.client.orchestration import get_client
    t = time.time()
    deployment = pipeline.to_deployment(name="daily", cron=CRON, parameters={"n": fan_out()})
    deployment_id = deployment.apply()
    with get_client(sync_client=True) as client:
        stored = client.read_deployment(deployment_id)
    crons = [getattr(s.schedule, "cron", None) for s in stored.schedules]
    schedule_s = time.time() - t
    done(crons == [CRON], f"schedules read back: {crons}", accepted=crons == [CRON], schedule_s=schedule_s)


dispatch(setup, retry, cached_rerun, schedule, fan_out=fan_out_step)
