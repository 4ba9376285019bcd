"""Airflow DAGs of the bakeoff scenario. setup copies this file into the dags folder: Airflow 3's dag.test()
re-parses the dags-folder bundle and fails ("not serialized") for a DAG defined elsewhere.
Run as `python <dags>/bakeoff_dag.py fan_out|retry|schedule`: fan_out and retry run one DAG in process with
dag.test() (one task at a time: dag.test() has no parallel executor); schedule parses the dags folder and asks
the daily DAG's timetable for its next run. The `ui` step runs the same fan-out DAG through a real scheduler
(`airflow standalone`)."""
import os, sys, time
from datetime import timedelta
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import (WORK, body, data_path, evaluate, fan_out, fan_out_result, flaky_train, prepare,
                    retry_result, set_phase, train)

t0 = time.time()
import pendulum
from airflow.sdk import dag, task
import_s = time.time() - t0
START = pendulum.datetime(2024, 1, 1, tz="UTC")
CRON = "0 3 * * *"


def fan_out_dag(dag_id, schedule):
    @dag(dag_id=dag_id, schedule=schedule, start_date=START, catchup=False)
    def pipeline():
        @task
        def prepare_data() -> str:
            with body("prepare"):
                return prepare()

        @task
        def train_model(i: int, path: str) -> float:
            with body("train"):
                return train(i, path)

        @task
        def evaluate_models(accuracies) -> float:
            with body("evaluate"):
                return evaluate(len(list(accuracies)), data_path())

        path = prepare_data()
        evaluate_models(train_model.partial(path=path).expand(i=list(range(fan_out()))))

    return pipeline()


@dag(dag_id="bakeoff_retry", schedule=None, start_date=START, catchup=False)
def retry_dag():
    @task(retries=1, retry_delay=timedelta(seconds=0))
    def flaky() -> float:
        return flaky_train(prepare())

    flaky()


# The daily DAG the schedule step checks, and an unscheduled copy the `ui` step triggers under the real
# scheduler: unpausing the daily one would also start the latest 03:00 run beside the triggered one.
fan_out_d = fan_out_dag("bakeoff_fan_out", CRON)
manual_d = fan_out_dag("bakeoff_fan_out_manual", None)
retry_d = retry_dag()


def best():
    import json
    p = os.path.join(WORK, "results.json")
    return json.load(open(p))["best_accuracy"] if os.path.exists(p) else None


def schedule():
    """The dags folder parsed as the scheduler's DAG processor would; the daily DAG's timetable must give the
    next 03:00 UTC run after a fixed instant."""
    try:
        from airflow.dag_processing.dagbag import DagBag      # Airflow 3's place for it
    except ImportError:
        from airflow.models.dagbag import DagBag
    from airflow.timetables.base import TimeRestriction
    t = time.time()
    bag = DagBag(dag_folder=os.path.dirname(os.path.abspath(__file__)))      # examples are off (adapter env)
    d = bag.get_dag("bakeoff_fan_out")
    after = pendulum.datetime(2026, 1, 1, 12, tz="UTC")
    # The scheduler works on the serialized DAG, whose timetable is the core one that computes runs.
    from airflow.serialization.serialized_objects import LazyDeserializedDAG
    timetable = LazyDeserializedDAG.from_dag(d).timetable
    nxt = timetable.next_dagrun_info(last_automated_data_interval=None,
                                     restriction=TimeRestriction(earliest=after, latest=None, catchup=False))
    when = nxt.run_after if nxt else None
    ok = not bag.import_errors and when is not None and (when.hour, when.minute) == (3, 0)
    done(ok, f"import errors {dict(bag.import_errors)}, next run {when}", accepted=ok, schedule_s=time.time() - t)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    t = time.time(); dr = fan_out_d.test(); t_end = time.time()
    fan_out_result("fan_out", n, best(), t, t_end, tool_ok=str(dr.state) == "success", import_s=import_s)


def retry_step():
    set_phase("retry")
    t = time.time(); dr = retry_d.test(); run_s = time.time() - t
    retry_result("retry", run_s, str(dr.state) == "success")


if __name__ == "__main__":          # the dags-folder parser imports this file too; only run when executed
    dispatch(schedule, fan_out=fan_out_step, retry=retry_step)
