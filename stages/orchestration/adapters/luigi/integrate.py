"""Luigi's orchestration role: task i of the pipeline is a luigi Task that requires task i-1 and is complete
when its marker file exists under BAKEOFF_WORK/luigi/<pipeline>/<run>/; luigi.build runs the last one with
the local scheduler and one worker (in this process), so the chain runs in order. Every call gets a fresh
run folder, so markers of an earlier call never skip work; a task's exception comes from luigi's FAILURE
event."""
import functools
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import orchrole  # noqa: E402

FAILURES = []


@functools.cache
def _task_class():
    """Built on first use, so that importing luigi counts in the pipeline's time as for the other tools."""
    import luigi

    class PipelineTask(luigi.Task):
        run_dir = luigi.Parameter()
        tasks = luigi.ListParameter()
        index = luigi.IntParameter()

        def requires(self):
            return [PipelineTask(self.run_dir, self.tasks, self.index - 1)] if self.index else []

        def output(self):
            return luigi.LocalTarget(os.path.join(self.run_dir, f"{self.index}.done"))

        def run(self):
            orchrole.call(self.tasks[self.index])
            with self.output().open("w") as f:
                f.write(self.tasks[self.index] + "\n")

    @PipelineTask.event_handler(luigi.Event.FAILURE)
    def failed(task, exception):
        FAILURES.append(f"{task.tasks[task.index]}: {type(exception).__name__}: {exception}")

    return PipelineTask


@orchrole.stdout_to_stderr()
def run_pipeline(name, tasks):
    tasks = orchrole.references(tasks)
    PipelineTask = _task_class()
    import luigi

    run_dir = orchrole.work("luigi", orchrole.identifier(name), uuid.uuid4().hex)
    FAILURES.clear()
    result = luigi.build([PipelineTask(run_dir, tasks, len(tasks) - 1)], local_scheduler=True, workers=1,
                         detailed_summary=True, log_level="WARNING")
    done = sum(os.path.exists(os.path.join(run_dir, f"{i}.done")) for i in range(len(tasks)))
    if result.status != luigi.LuigiStatusCode.SUCCESS or done != len(tasks):
        raise RuntimeError(f"luigi pipeline {name!r} failed ({result.status.name}, {done}/{len(tasks)} tasks done): "
                           + ("; ".join(FAILURES) or result.summary_text))
