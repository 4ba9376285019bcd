"""start (prepare the dataset) -> foreach train over n models -> join (evaluate, fan-in) -> end.
A daily @schedule is declared on the flow; a scheduler it is deployed to (Argo, Step Functions, Airflow)
honours it."""
import sys
sys.dont_write_bytecode = True
from common import body, data_path, evaluate, prepare, train
from metaflow import FlowSpec, Parameter, schedule, step


@schedule(cron="0 3 * * ? *")
class FanFlow(FlowSpec):
    n = Parameter("n", default=8, type=int)

    @step
    def start(self):
        with body("prepare"):
            self.path = prepare()
        self.items = list(range(self.n))
        self.next(self.train, foreach="items")

    @step
    def train(self):
        with body("train"):
            self.accuracy = train(self.input, self.path)
        self.next(self.join)

    @step
    def join(self, inputs):
        with body("evaluate"):
            self.total = evaluate(len(list(inputs)), data_path())
        self.next(self.end)

    @step
    def end(self):
        pass


if __name__ == "__main__":
    FanFlow()
