# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

from dash import Dash, Input, Output, State, dcc, html

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = load_model()
app = Dash(__name__, title="Iris classifier")
# Component ids are the CSS hooks (#NAME).
app.layout = html.Div([
    html.H1("Iris classifier"),
    *[html.Div([html.Label(f), dcc.Input(id=f, type="number", value=1.0, step=0.1)]) for f in FEATURES],
    html.Button("Predict", id="predict"),
    html.Div("?", id="prediction"),
])


@app.callback(Output("prediction", "children"), Input("predict", "n_clicks"),
              [State(f, "value") for f in FEATURES], prevent_initial_call=True)
def on_predict(n_clicks, *values):
    return predict(values)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=False)
