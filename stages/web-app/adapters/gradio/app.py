# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

import gradio as gr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = load_model()


def on_predict(*values):
    return predict(values)


demo = gr.Interface(fn=on_predict, inputs=[gr.Number(label=f, value=1.0) for f in FEATURES],
                    outputs=gr.Textbox(label="prediction"), title="Iris classifier", api_name="predict",
                    flagging_mode="never")

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]), share=False, ssr_mode=False)
