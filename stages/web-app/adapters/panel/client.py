"""Panel's app in a real browser (common/browser.py): Bokeh renders each widget in a shadow root, so each
hook names the widget's css_classes element, then (after " >>> ") the field inside its shadow root."""
from browser import drive
from webcommon import FEATURES

drive(inputs={f: f".{f} >>> input" for f in FEATURES}, button=".predict >>> button",
      output=".prediction >>> pre", path="/app")
