"""Dagster's orchestration role: a job named after the pipeline whose ops call the task references, op i taking
op i-1's Nothing output as its input, so it starts only after that one succeeded. The job runs with
execute_in_process (Dagster's in-process executor) on the persistent instance in DAGSTER_HOME (sqlite run
and event storage, telemetry off; inside BAKEOFF_WORK when unset). A failed run raises with the failed
ops' error messages from Dagster's step-failure events."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import orchrole  # noqa: E402


def _home():
    """DAGSTER_HOME with a dagster.yaml turning telemetry off (the instance reads both when first got)."""
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    home = os.environ.setdefault("DAGSTER_HOME", os.path.join(os.environ["BAKEOFF_WORK"], "home", "dagster"))
    os.makedirs(home, exist_ok=True)
    config = os.path.join(home, "dagster.yaml")
    if not os.path.exists(config):
        with open(config, "w") as f:
            f.write("telemetry:\n  enabled: false\n")


def _op(dg, index, reference):
    @dg.op(name=f"task_{index}_{orchrole.identifier(reference)}", out=dg.Out(dg.Nothing),
           ins={"after": dg.In(dg.Nothing)} if index else {})
    def run_task():
        orchrole.call(reference)

    return run_task


def _root(error):
    """The task's own exception: Dagster wraps it in an op-execution error whose cause it is."""
    while error.cause:
        error = error.cause
    return error.message.strip()


@orchrole.stdout_to_stderr()
def run_pipeline(name, tasks):
    tasks = orchrole.references(tasks)
    _home()
    import dagster as dg
    ops = [_op(dg, i, reference) for i, reference in enumerate(tasks)]

    @dg.job(name=orchrole.identifier(name))
    def pipeline():
        previous = ops[0]()
        for op in ops[1:]:
            previous = op(after=previous)

    result = pipeline.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)
    if not result.success:
        errors = [f"{event.step_key}: {_root(event.step_failure_data.error)}"
                  for event in result.get_step_failure_events()]
        raise RuntimeError(f"dagster run {result.run_id} of job {pipeline.name!r} failed: "
                           + ("; ".join(errors) or "no op failed; see the run's events"))
