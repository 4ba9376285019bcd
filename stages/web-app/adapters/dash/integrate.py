"""Dash's web-app role: the generated app (a form of the four features, a Predict button and the prediction)
runs under Dash's own Flask server (`python app.py`) on 127.0.0.1; ready() polls /_dash-layout; request()
does what the browser does when the button is clicked: POST /_dash-update-component with the four inputs
as the callback's state, and reads the prediction from the callback's JSON answer."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import webrole  # noqa: E402

APP = '''
import sys

from dash import Dash, Input, Output, State, dcc, html

app = Dash(__name__, title=TITLE)
app.layout = html.Div([
    html.H1(TITLE),
    *[html.Div([html.Label(f), dcc.Input(id=f, type="number", value=0.0)]) for f in FEATURES],
    html.Button("Predict", id="predict"),
    html.Div(id="prediction"),
])


@app.callback(Output("prediction", "children"), Input("predict", "n_clicks"),
              [State(f, "value") for f in FEATURES], prevent_initial_call=True)
def on_predict(n_clicks, *values):
    return serve_one(dict(zip(FEATURES, values)))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
'''


def serve(predictor, port, log_path):
    app = webrole.write_app("dash", port, predictor, log_path, APP)
    return [sys.executable, app, str(port)]


def ready(port):
    return webrole.answers(port, "/_dash-layout")


def request(port, features):
    body = {
        "output": "prediction.children",
        "outputs": {"id": "prediction", "property": "children"},
        "inputs": [{"id": "predict", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["predict.n_clicks"],
        "state": [{"id": f, "property": "value", "value": v}
                  for f, v in zip(webrole.FEATURES, webrole.values(features))],
    }
    with webrole.open_url(port, "/_dash-update-component", body) as resp:
        answer = json.load(resp)
    try:
        return float(answer["response"]["prediction"]["children"])
    except (KeyError, TypeError, ValueError) as e:
        raise RuntimeError(f"the Dash callback answered without a prediction: {answer!r}") from e
