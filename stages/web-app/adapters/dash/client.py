"""Dash's app in a real browser (common/browser.py): hooks from the component ids."""
from browser import drive
from webcommon import FEATURES

drive(inputs={f: f"#{f}" for f in FEATURES}, button="#predict", output="#prediction")
