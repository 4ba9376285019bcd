"""The app's prediction function: the model comes from the tracker's registry (name and version from the
work folder), loaded once per server process."""
import json

import pair

_model = None


def predict(features):
    global _model
    if _model is None:
        chosen = json.load(open(pair.path("registered.json")))
        tracker = pair.role("experiment-tracking")
        _model = pair.load_model(tracker.load_registered(chosen["name"], chosen["version"]))
    return pair.predict(_model, features)
