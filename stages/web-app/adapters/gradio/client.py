"""Gradio's app in a real browser (common/browser.py): hooks from elem_id; the answer is a textarea's value."""
from browser import drive
from webcommon import FEATURES

drive(inputs={f: f"#{f} input" for f in FEATURES}, button="#predict", output="#prediction textarea")
