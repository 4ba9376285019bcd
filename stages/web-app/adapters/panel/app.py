# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

import panel as pn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = load_model()

# css_classes give each widget a CSS hook (.NAME) on the element that holds its shadow root.
inputs = [pn.widgets.FloatInput(name=f, value=1.0, step=0.1, css_classes=[f]) for f in FEATURES]
button = pn.widgets.Button(name="Predict", button_type="primary", css_classes=["predict"])
output = pn.pane.Str("?", css_classes=["prediction"])


def on_click(event):
    output.object = predict([w.value for w in inputs])


button.on_click(on_click)
pn.Column("# Iris classifier", *inputs, button, output).servable(title="Iris classifier")
