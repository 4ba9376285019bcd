"""Dagster adapter: an op job with a dynamic fan-out (DynamicOut -> map -> collect) on a persistent instance
(sqlite run and event storage under DAGSTER_HOME, telemetry off in dagster.yaml). The fan-out runs with the
multiprocess executor limited to 2 concurrent ops (one per core here), Dagster's own way to run independent
ops side by side; execute_in_process would run them one after another. The schedule is a ScheduleDefinition
in Definitions, evaluated for a tick."""
import os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import (body, evaluate, fan_out, fan_out_result, flaky_train, prepare, retry_result,
                    set_phase, train)

t0 = time.time()
import dagster as dg
import_s = time.time() - t0
CRON = "0 3 * * *"


@dg.op(out=dg.DynamicOut(str))
def prepare_data(context):
    with body("prepare"):
        path = prepare()
    for i in range(fan_out()):
        yield dg.DynamicOutput(f"{i}:{path}", mapping_key=str(i))


@dg.op
def train_model(item: str) -> float:
    i, path = item.split(":", 1)
    with body("train"):
        return train(int(i), path)


@dg.op
def evaluate_models(accuracies: list) -> float:
    with body("evaluate"):
        from common import data_path
        return evaluate(len(accuracies), data_path())


@dg.job(executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}))
def pipeline():
    evaluate_models(prepare_data().map(train_model).collect())


@dg.op(retry_policy=dg.RetryPolicy(max_retries=1))
def flaky() -> float:
    return flaky_train(prepare())


@dg.job
def retry_job():
    flaky()


daily = dg.ScheduleDefinition(name="daily", job=pipeline, cron_schedule=CRON, execution_timezone="UTC")
defs = dg.Definitions(jobs=[pipeline, retry_job], schedules=[daily])


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
    """The multiprocess executor needs the job reconstructable from this file, so it runs through
    execute_job with a ReconstructableJob; the fan-in's value is read from the run's output."""
    n = fan_out(); set_phase("fan_out")
    inst = instance()
    t = time.time()
    with dg.execute_job(dg.reconstructable(pipeline), instance=inst) as res:
        t_end = time.time()
        result = res.output_for_node("evaluate_models") if res.success else None
    fan_out_result("fan_out", n, result, t, t_end, tool_ok=res.success, import_s=import_s)


def retry():
    set_phase("retry")
    inst = instance()
    t = time.time(); res = retry_job.execute_in_process(instance=inst, raise_on_error=False); run_s = time.time() - t
    retry_result("retry", run_s, res.success)


def schedule():
    """The schedule must load in Definitions and, evaluated for a tick, request a run of the pipeline."""
    import datetime
    t = time.time()
    sched = defs.get_schedule_def("daily")
    when = datetime.datetime(2026, 1, 1, 3, 0, tzinfo=datetime.timezone.utc)
    with dg.build_schedule_context(instance=instance(), scheduled_execution_time=when) as context:
        data = sched.evaluate_tick(context)
    requests = data.run_requests or []
    ok = sched.cron_schedule == CRON and len(requests) == 1 and sched.job_name == "pipeline"
    done(ok, f"cron {sched.cron_schedule}, {len(requests)} run requests for {sched.job_name}", accepted=ok,
         schedule_s=time.time() - t)


if __name__ == "__main__":          # the multiprocess executor imports this file in each op process
    dispatch(setup, retry, schedule, fan_out=fan_out_step)
