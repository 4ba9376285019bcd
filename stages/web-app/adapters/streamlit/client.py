"""Streamlit's app in a real browser (common/browser.py): hooks from the widgets' keys (.st-key-NAME)."""
from browser import drive
from webcommon import FEATURES

drive(inputs={f: f".st-key-{f} input" for f in FEATURES}, button=".st-key-predict button", output=".st-key-prediction")
