"""Sends the seeded requests through Dash's own callback endpoint (POST /_dash-update-component), as the
browser does when the button is clicked, and checks every prediction."""
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, fail, report_latencies, requests_plan  # noqa: E402

port = int(sys.argv[1])
base = f"http://127.0.0.1:{port}"
rows, expected = requests_plan()
layout = json.load(urllib.request.urlopen(base + "/_dash-layout", timeout=30))
if "Iris classifier" not in json.dumps(layout):
    fail("the served layout has no title")
latencies, answers = [], []
for i, row in enumerate(rows):
    body = {
        "output": "prediction.children",
        "outputs": {"id": "prediction", "property": "children"},
        "inputs": [{"id": "predict", "property": "n_clicks", "value": i + 1}],
        "changedPropIds": ["predict.n_clicks"],
        "state": [{"id": f, "property": "value", "value": v} for f, v in zip(FEATURES, row)],
    }
    req = urllib.request.Request(base + "/_dash-update-component", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as resp:
        data = json.load(resp)
    latencies.append(time.perf_counter() - t)
    answers.append(data["response"]["prediction"]["children"])
report_latencies(latencies, answers, expected, path="/_dash-update-component")
