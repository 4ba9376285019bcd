"""Sends the seeded requests through Gradio's own HTTP API, as gradio_client does: POST
/gradio_api/call/predict returns an event id, GET /gradio_api/call/predict/<id> streams the result
(server-sent events). Checks every prediction. Plain urllib, so nothing is fetched from the internet."""
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import fail, report_latencies, requests_plan  # noqa: E402

port = int(sys.argv[1])
base = f"http://127.0.0.1:{port}"
rows, expected = requests_plan()
config = json.load(urllib.request.urlopen(base + "/config", timeout=30))
if config.get("title") != "Iris classifier":
    fail(f"the served config has title {config.get('title')!r}")


def call(row):
    req = urllib.request.Request(base + "/gradio_api/call/predict", data=json.dumps({"data": row}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        event_id = json.load(resp)["event_id"]
    event = None
    with urllib.request.urlopen(f"{base}/gradio_api/call/predict/{event_id}", timeout=30) as resp:
        for raw in resp:
            line = raw.decode().strip()
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "complete":
                return json.loads(line.split(":", 1)[1])[0]
            elif line.startswith("data:") and event == "error":
                fail(f"gradio returned an error: {line}")
    fail("the event stream ended without a result")


latencies, answers = [], []
for row in rows:
    t = time.perf_counter()
    answers.append(call(row))
    latencies.append(time.perf_counter() - t)
report_latencies(latencies, answers, expected, path="/gradio_api/call/predict")
