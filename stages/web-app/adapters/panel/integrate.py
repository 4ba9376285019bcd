"""Panel's web-app role: the generated app (four FloatInputs, a Predict button and a Markdown pane with the
prediction) is served by `panel serve` on 127.0.0.1 at /app, with the /liveness route ready() polls.
Panel syncs widgets with the browser over a Bokeh websocket and has no HTTP route for a callback, so
request() does what the stage's Panel client does: it checks the server renders the app page over loopback
(GET /app, once per port, then /liveness), and drives the SAME app file's widgets IN THE CALLER'S PROCESS,
the way Panel's own tests do (set the four inputs, click the button, read the pane). The input log is
therefore written by that in-process app, not by the server process."""
import importlib.util
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import webrole  # noqa: E402

APP = '''
import panel as pn


def build():
    inputs = [pn.widgets.FloatInput(name=f, value=0.0) for f in FEATURES]
    button = pn.widgets.Button(name="Predict", button_type="primary")
    output = pn.pane.Markdown("")

    def on_click(event):
        output.object = f"prediction: **{serve_one({w.name: w.value for w in inputs})!r}**"
    button.on_click(on_click)
    return pn.Column("# " + TITLE, *inputs, button, output), inputs, button, output


if __name__.startswith("bokeh"):
    build()[0].servable(title=TITLE)
'''

_apps = {}  # port -> (inputs, button, output) of that port's app, built once like a browser session


def serve(predictor, port, log_path):
    app = webrole.write_app("panel", port, predictor, log_path, APP)
    return [sys.executable, "-m", "panel", "serve", app, "--address", "127.0.0.1", "--port", str(port),
            "--allow-websocket-origin", f"127.0.0.1:{port}", "--liveness", "--num-procs", "1"]


def ready(port):
    return webrole.answers(port, "/liveness")


def _build(port):
    with webrole.open_url(port, "/app") as resp:
        if webrole.TITLE not in resp.read().decode():
            raise RuntimeError(f"the Panel server on port {port} serves /app without the title {webrole.TITLE!r}")
    spec = importlib.util.spec_from_file_location(f"panel_app_{port}", webrole.app_path("panel", port))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build()[1:]


def request(port, features):
    if port not in _apps:
        _apps[port] = _build(port)
    elif not ready(port):
        raise RuntimeError(f"the Panel server on port {port} does not answer /liveness")
    inputs, button, output = _apps[port]
    output.object = ""  # so a failed callback cannot leave the previous prediction showing
    for w, v in zip(inputs, webrole.values(features)):
        w.value = v
    button.clicks += 1
    match = re.fullmatch(r"prediction: \*\*(.*)\*\*", output.object or "")
    if not match:
        raise RuntimeError(f"the Panel app showed no prediction: {output.object!r}")
    return float(match.group(1))
