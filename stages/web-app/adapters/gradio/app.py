# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

import gradio as gr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = load_model()

# elem_id gives each component a CSS hook (#NAME).
with gr.Blocks(title="Iris classifier", analytics_enabled=False) as demo:
    gr.Markdown("# Iris classifier")
    inputs = [gr.Number(label=f, value=1.0, elem_id=f) for f in FEATURES]
    button = gr.Button("Predict", elem_id="predict")
    output = gr.Textbox(label="prediction", value="?", elem_id="prediction", interactive=False)
    button.click(lambda *values: predict(values), inputs=inputs, outputs=output, api_name="predict")

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), share=False, ssr_mode=False)
