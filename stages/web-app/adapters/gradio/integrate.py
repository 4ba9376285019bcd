"""Gradio's web-app role: the generated app (a gr.Interface of four Number fields and a Number prediction,
API name `predict`) runs under Gradio's own server (`python app.py`, demo.launch) on 127.0.0.1, analytics
off; ready() polls /config; request() uses Gradio's HTTP API as gradio_client does: POST
/gradio_api/call/predict returns an event id, GET /gradio_api/call/predict/<id> streams the result as
server-sent events. Plain urllib, so nothing is fetched from the internet."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import webrole  # noqa: E402

APP = '''
import os
import sys

# Gradio reads these when it is imported.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_TEMP_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gradio-tmp"))

import gradio as gr  # noqa: E402


def on_predict(*values):
    return serve_one(dict(zip(FEATURES, values)))


demo = gr.Interface(fn=on_predict, inputs=[gr.Number(label=f, value=0.0) for f in FEATURES],
                    outputs=gr.Number(label="prediction"), title=TITLE, api_name="predict",
                    flagging_mode="never")

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), share=False, ssr_mode=False,
                show_error=True)
'''


def serve(predictor, port, log_path):
    app = webrole.write_app("gradio", port, predictor, log_path, APP)
    return [sys.executable, app, str(port)]


def ready(port):
    return webrole.answers(port, "/config")


def request(port, features):
    with webrole.open_url(port, "/gradio_api/call/predict", {"data": webrole.values(features)}) as resp:
        event_id = json.load(resp)["event_id"]
    event = None
    with webrole.open_url(port, f"/gradio_api/call/predict/{event_id}") as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "complete":
                return float(json.loads(line.split(":", 1)[1])[0])
            elif line.startswith("data:") and event == "error":
                raise RuntimeError(f"Gradio answered the prediction with an error: {line}")
    raise RuntimeError(f"Gradio's event stream for {event_id} ended without a result")
