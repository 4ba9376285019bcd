"""The pipeline's tasks (run by the orchestrator, perhaps in another process): write the training table,
then train and log the run to the tracker from inside the task. The run id goes to the work folder."""
import json

import pair
from bakeoff_step import param


def prepare():
    pair.write_csv(pair.dataset(param("rows", 2000), 11), pair.path("train.csv"))


def train_and_log():
    _, rows = pair.read_csv(pair.path("train.csv"))
    model = pair.train(rows)
    pair.save_model(model, pair.path("model.pkl"))
    metrics = {"accuracy": pair.accuracy(model, rows)}
    params = {"epochs": "60", "rate": "0.5", "rows": str(len(rows))}
    tracker = pair.role("experiment-tracking")
    run_id = tracker.log_run(params, metrics, pair.path("model.pkl"))
    with open(pair.path("logged.json"), "w") as f:
        json.dump({"run_id": str(run_id), "metrics": metrics}, f)
