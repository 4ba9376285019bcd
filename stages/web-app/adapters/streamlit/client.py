"""Streamlit runs the app script once per browser session over a websocket, so an HTTP request cannot ask
it for a prediction. Its own headless path is AppTest (streamlit.testing): this client checks the server
answers /_stcore/health over loopback, then drives the same app.py with AppTest IN THIS CLIENT PROCESS
(not over HTTP): per request it sets the four inputs, submits the form, re-runs the script and reads the
prediction. Latencies are AppTest re-runs."""
import json
import os
import re
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, fail, report_latencies, requests_plan  # noqa: E402

from streamlit.testing.v1 import AppTest  # noqa: E402

port = int(sys.argv[1])
if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=30).status != 200:
    fail("the server stopped answering /_stcore/health")
rows, expected = requests_plan()
t = time.perf_counter()
at = AppTest.from_file(os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py")).run(timeout=60)
first_run_s = time.perf_counter() - t
if at.exception or not at.title or at.title[0].value != "Iris classifier":
    fail(f"the app did not render: {at.exception}")
latencies, answers = [], []
for row in rows:
    t = time.perf_counter()
    for f, v in zip(FEATURES, row):
        at.number_input(key=f).set_value(v)
    at.button[0].click().run(timeout=60)
    latencies.append(time.perf_counter() - t)
    if at.exception:
        fail(f"the app raised: {at.exception}")
    found = [m.value for m in at.markdown if m.value.startswith("prediction:")]
    answers.append(re.sub(r"^prediction: \*\*(.*)\*\*$", r"\1", found[-1]) if found else None)
report_latencies(latencies, answers, expected, path="AppTest (in the client process)",
                 apptest_first_run_s=round(first_run_s, 3))
