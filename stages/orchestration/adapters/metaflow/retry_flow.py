"""One step that fails on its first attempt; @retry gives it a second one."""
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mark, marks
from metaflow import FlowSpec, current, retry, step


class RetryFlow(FlowSpec):
    @retry(times=1, minutes_between_retries=0)
    @step
    def start(self):
        mark("flaky")
        self.attempt = current.retry_count
        if len(marks("retry", "flaky")) == 1:
            raise RuntimeError("first attempt fails on purpose")
        self.next(self.end)

    @step
    def end(self):
        pass


if __name__ == "__main__":
    RetryFlow()
