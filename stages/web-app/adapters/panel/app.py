# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

import panel as pn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = load_model()


def build():
    inputs = {f: pn.widgets.FloatInput(name=f, value=1.0) for f in FEATURES}
    button = pn.widgets.Button(name="Predict", button_type="primary")
    output = pn.pane.Markdown("")

    def on_click(event):
        output.object = f"prediction: **{predict([w.value for w in inputs.values()])}**"
    button.on_click(on_click)
    return pn.Column("# Iris classifier", *inputs.values(), button, output), inputs, button, output


if __name__.startswith("bokeh"):
    build()[0].servable(title="Iris classifier")
