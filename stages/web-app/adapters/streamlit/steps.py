"""Streamlit adapter: app.py is the app, run by the serve step's server. train and app_loc are the stage's own
(common/webcommon.py); serve is the server's client, the app in a real browser (common/browser.py): the
browser finds the widgets by their keys (.st-key-NAME)."""
import os

from bakeoff_step import dispatch
from webcommon import FEATURES, app_loc, train

APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py")


def serve():
    from browser import drive          # Selenium: only the client needs it
    drive(inputs={f: f".st-key-{f} input" for f in FEATURES}, button=".st-key-predict button",
          output=".st-key-prediction")


dispatch(train, serve, app_loc=lambda: app_loc([APP]))
