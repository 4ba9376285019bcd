# The same small app in every framework: four measurements in a form, a button, the model's prediction.
import os
import sys

import streamlit as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webcommon import FEATURES, load_model  # noqa: E402

predict = st.cache_resource(load_model)()
st.title("Iris classifier")
# A form sends the four values and the click in one rerun; key= gives each widget a CSS hook (.st-key-NAME).
with st.form("features"):
    values = [st.number_input(f, value=1.0, step=0.1, key=f) for f in FEATURES]
    submitted = st.form_submit_button("Predict", key="predict")
with st.container(key="prediction"):
    st.text(predict(values) if submitted else "?")
