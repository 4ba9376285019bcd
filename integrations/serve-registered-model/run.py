"""serve-registered-model: python run.py register|serve_registered (see integration.yaml)."""
import json
import os
import sys

sys.dont_write_bytecode = True
from bakeoff_step import Timer, check, dispatch, done, fail, param, unsupported  # noqa: E402
import pair  # noqa: E402


def register():
    rows = pair.dataset(param("rows", 2000), 21)
    model = pair.train(rows)
    pair.save_model(model, pair.path("model.pkl"))
    tracker = pair.role("experiment-tracking")
    name = param("model_name", "bakeoff-model")
    timer = Timer()
    run_id = pair.calling(tracker.log_run, {"rows": str(len(rows))}, {"accuracy": pair.accuracy(model, rows)},
                          pair.path("model.pkl"))
    version = pair.calling(tracker.register, run_id, name)
    register_s = timer()
    with open(pair.path("registered.json"), "w") as f:
        json.dump({"name": name, "version": str(version)}, f)
    done(True, register_s=register_s)


def serve_registered():
    if not os.path.exists(pair.path("registered.json")):
        # The register step was unsupported (its reason is in its own observation) or failed.
        tracker = pair.role("experiment-tracking")
        reason = getattr(tracker, "UNSUPPORTED", {}).get("register")
        if reason:
            unsupported(reason)
        fail("no registered model: the register step did not complete")
    model = pair.load_model(pair.path("model.pkl"))
    inputs = pair.requests(param("requests", 20), 22)
    answers, startup_s, latencies = pair.serve_and_ask(
        pair.role("web-app"), "handoff:predict", inputs, pair.path("served.jsonl"))
    correct = sum(abs(float(a) - pair.predict(model, x)) <= 1e-6 for a, x in zip(answers, inputs))
    metrics = dict(startup_s=startup_s, request_ms=pair.median_ms(latencies), correct=correct, requests=len(inputs))
    check(correct == len(inputs), f"{len(inputs) - correct} of {len(inputs)} answers differ from the model's", **metrics)
    done(True, **metrics)


if __name__ == "__main__":
    dispatch(register, serve_registered)
