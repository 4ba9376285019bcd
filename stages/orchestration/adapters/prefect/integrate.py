"""Prefect's orchestration role: one flow run named after the pipeline, in this process; each task reference is
a Prefect task submitted to the flow's default task runner (a thread pool) with the previous task's future
in `wait_for`, so it starts only after that one succeeded. The flow and task runs are recorded by the
temporary local API server Prefect starts on 127.0.0.1 with its sqlite database under PREFECT_HOME (inside
BAKEOFF_WORK when unset). A failing task fails the flow run, and the flow call re-raises the task's
exception."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import orchrole  # noqa: E402


def _settings():
    """Prefect reads its settings at import: home under the work folder, no analytics, time for the first
    start of the temporary server (it migrates a fresh database)."""
    os.environ.setdefault("PREFECT_HOME", os.path.join(os.environ["BAKEOFF_WORK"], "home", "prefect"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@orchrole.stdout_to_stderr()
def run_pipeline(name, tasks):
    tasks = orchrole.references(tasks)
    _settings()
    from prefect import flow, task

    @flow(name=name)
    def pipeline():
        futures = []
        for reference in tasks:
            step = task(orchrole.call, name=reference)
            futures.append(step.submit(reference, wait_for=futures[-1:]))
        for future in futures:
            future.result()          # raises the first failed task's exception, failing the flow run

    pipeline()
