"""One training step that fails on its first attempt; @retry gives it a second one."""
import sys
sys.dont_write_bytecode = True
from common import data_path, flaky_train
from metaflow import FlowSpec, current, retry, step


class RetryFlow(FlowSpec):
    @retry(times=1, minutes_between_retries=0)
    @step
    def start(self):
        self.attempt = current.retry_count
        self.accuracy = flaky_train(data_path())
        self.next(self.end)

    @step
    def end(self):
        pass


if __name__ == "__main__":
    RetryFlow()
