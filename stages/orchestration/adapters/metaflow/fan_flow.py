"""start (source) -> foreach square over n items -> join (fan-in) -> end."""
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import mark
from metaflow import FlowSpec, Parameter, step


class FanFlow(FlowSpec):
    n = Parameter("n", default=8, type=int)

    @step
    def start(self):
        mark("source")
        self.items = list(range(self.n))
        self.next(self.square, foreach="items")

    @step
    def square(self):
        mark("square")
        self.sq = self.input * self.input
        self.next(self.join)

    @step
    def join(self, inputs):
        mark("total")
        self.total = sum(i.sq for i in inputs)
        self.next(self.end)

    @step
    def end(self):
        pass


if __name__ == "__main__":
    FanFlow()
