"""Panel adapter: app.py is the app, run by the serve step's server. train and app_loc are the stage's own
(common/webcommon.py); serve is the server's client, the app in a real browser (common/browser.py): Bokeh
renders each widget in a shadow root, so each hook names the widget's css_classes element, then (after
" >>> ") the field inside its shadow root."""
import os

from bakeoff_step import dispatch
from webcommon import FEATURES, app_loc, train

APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py")


def serve():
    from browser import drive          # Selenium: only the client needs it
    drive(inputs={f: f".{f} >>> input" for f in FEATURES}, button=".predict >>> button",
          output=".prediction >>> pre", path="/app")


dispatch(train, serve, app_loc=lambda: app_loc([APP]))
