"""Shared by the web-app role modules (adapters/<tool>/integrate.py, see docs/integrations.md): where a
generated app lives, the prelude every generated app starts with (load the predictor, log each served input)
and plain loopback HTTP. Roles never print to stdout."""
import json
import os
import urllib.error
import urllib.request

FEATURES = ["x1", "x2", "x3", "x4"]
TITLE = "Bakeoff predictor"

# Every generated app starts with this: `serve_one(features)` is the app's only way to a prediction, so
# each input the app serves is logged exactly once, after the predictor answered it.
PRELUDE = '''\
import importlib
import json

FEATURES = {features!r}
TITLE = {title!r}
_module, _function = {predictor!r}.split(":")
_predict = getattr(importlib.import_module(_module), _function)


def serve_one(features):
    """The predictor's answer for one input, which is then appended to the input log."""
    features = {{f: float(features[f]) for f in FEATURES}}
    value = float(_predict(dict(features)))
    with open({log_path!r}, "a") as log:
        log.write(json.dumps(features) + "\\n")
    return value
'''


def app_path(tool, port):
    """The generated app file of `tool` served on `port` (request() finds it again from the port)."""
    return os.path.join(os.environ["BAKEOFF_WORK"], "web-app", f"{tool}-{port}", "app.py")


def write_app(tool, port, predictor, log_path, body):
    """Writes the prelude plus the tool's `body` as the app file and returns its path."""
    module, sep, function = predictor.partition(":")
    if not (module and sep and function):
        raise ValueError(f"predictor {predictor!r} is not a 'module:function' reference")
    path = app_path(tool, port)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(PRELUDE.format(features=FEATURES, title=TITLE, predictor=predictor,
                               log_path=os.path.abspath(log_path)))
        f.write(body)
    return path


def values(features):
    """The feature values in the app's field order; the app has exactly the fields FEATURES."""
    if sorted(features) != sorted(FEATURES):
        raise ValueError(f"the app's fields are {FEATURES}, the request has {sorted(features)}")
    return [float(features[f]) for f in FEATURES]


def answers(port, route):
    """True when GET `route` on the loopback server answers 200; False while nothing listens yet."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{route}", timeout=5) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def open_url(port, route, body=None):
    """GET `route`, or POST `body` as JSON to it; returns the open response (the caller reads and closes it)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{route}", data=data,
                                 headers={"Content-Type": "application/json"})
    try:
        return urllib.request.urlopen(req, timeout=60)
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{req.get_method()} {route} on port {port} answered {e.code}: "
                           f"{e.read()[:500]!r}") from e
