"""Streamlit's web-app role: the generated app (a form of the four features, a Predict button and the
prediction) is served by `streamlit run` on 127.0.0.1, headless, usage stats off; ready() polls
/_stcore/health. Streamlit runs the script once per browser session over a websocket and has no request
API, so request() checks the server still answers /_stcore/health and then drives the SAME app file with
Streamlit's documented headless test client, AppTest (streamlit.testing), IN THE CALLER'S PROCESS (not over
HTTP): it sets the four inputs, submits the form and reads the prediction. The input log is therefore
written by that AppTest run of the app file, not by the server process."""
import os
import re
import sys

from streamlit.testing.v1 import AppTest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import webrole  # noqa: E402

APP = '''
import streamlit as st

st.title(TITLE)
with st.form("features"):
    values = [st.number_input(f, value=0.0, key=f) for f in FEATURES]
    submitted = st.form_submit_button("Predict")
if submitted:
    st.markdown(f"prediction: **{serve_one(dict(zip(FEATURES, values)))!r}**")
'''

_sessions = {}  # port -> the AppTest of that port's app, kept like a browser session


def serve(predictor, port, log_path):
    app = webrole.write_app("streamlit", port, predictor, log_path, APP)
    return [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false"]


def ready(port):
    return webrole.answers(port, "/_stcore/health")


def request(port, features):
    if not ready(port):
        raise RuntimeError(f"the Streamlit server on port {port} does not answer /_stcore/health")
    at = _sessions.get(port)
    if at is None:
        at = AppTest.from_file(webrole.app_path("streamlit", port), default_timeout=60).run()
        _sessions[port] = at
    for f, v in zip(webrole.FEATURES, webrole.values(features)):
        at.number_input(key=f).set_value(v)
    at.button[0].click().run()
    if at.exception:
        raise RuntimeError(f"the Streamlit app raised: {[e.message for e in at.exception]}")
    found = [m.value for m in at.markdown if m.value.startswith("prediction:")]
    match = re.fullmatch(r"prediction: \*\*(.*)\*\*", found[-1]) if found else None
    if not match:
        raise RuntimeError(f"the Streamlit app showed no prediction: {[m.value for m in at.markdown]}")
    return float(match.group(1))
