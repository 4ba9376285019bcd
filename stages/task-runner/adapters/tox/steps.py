"""tox in the task-runner stage: every step is the stage's own (common/runner_overhead.py), run with tox."""
from runner_overhead import runner_steps

runner_steps("tox")
