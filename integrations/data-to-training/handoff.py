"""The pipeline's tasks (run by the orchestrator, perhaps in another process): fetch the named version with
the data tool, then train on the fetched file. They talk through files in the work folder."""
import json
import time

import pair
from bakeoff_step import param


def fetch():
    t = time.perf_counter()
    data = pair.role("data-versioning")
    data.fetch(pair.path("repo"), param("version", "v1"), pair.path("fetched.csv"))
    with open(pair.path("fetch.json"), "w") as f:
        json.dump({"fetch_s": time.perf_counter() - t}, f)


def train():
    _, rows = pair.read_csv(pair.path("fetched.csv"))
    model = pair.train(rows)
    pair.save_model(model, pair.path("model.pkl"))
    with open(pair.path("trained.json"), "w") as f:
        json.dump({"data_sha256": pair.sha256(pair.path("fetched.csv")), "accuracy": pair.accuracy(model, rows)}, f)
