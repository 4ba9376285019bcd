"""Panel renders its widgets in the browser and syncs them with the server over a Bokeh websocket; it has no
HTTP endpoint for a callback and no AppTest. This client checks the server renders the app page over loopback
(GET /app, a 200 with the title), then drives the same app.py's widgets IN THIS CLIENT PROCESS (not over
HTTP), the way Panel's own tests do: per request it sets the four inputs, clicks the button and reads the
Markdown pane. Latencies are in-process callback round trips."""
import importlib.util
import os
import re
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from webcommon import fail, report_latencies, requests_plan  # noqa: E402

port = int(sys.argv[1])
page = urllib.request.urlopen(f"http://127.0.0.1:{port}/app", timeout=60).read().decode()
if "Iris classifier" not in page:
    fail("the served page has no title")
rows, expected = requests_plan()
t = time.perf_counter()
spec = importlib.util.spec_from_file_location("iris_app", os.path.join(HERE, "app.py"))
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)
layout, inputs, button, output = app.build()
first_run_s = time.perf_counter() - t
latencies, answers = [], []
for row in rows:
    t = time.perf_counter()
    for w, v in zip(inputs.values(), row):
        w.value = v
    button.clicks += 1
    latencies.append(time.perf_counter() - t)
    m = re.match(r"^prediction: \*\*(.*)\*\*$", output.object or "")
    answers.append(m.group(1) if m else None)
report_latencies(latencies, answers, expected, path="widgets in the client process", app_build_s=round(first_run_s, 3))
