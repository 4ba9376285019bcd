"""Shared by every integration driver: the two tools' role modules, the work folder, the seeded data set and
model, serving. The verdict line and the parameters are bakeoff_step's, as in every step.

The runner names the pair through the environment: for each of the two stages,
BAKEOFF_TOOL_<STAGE> (the tool id) and BAKEOFF_ROLE_<STAGE> (the absolute path of the tool's integrate.py),
STAGE upper-cased with '-' as '_' (BAKEOFF_ROLE_EXPERIMENT_TRACKING)."""
import hashlib
import importlib
import importlib.util
import math
import os
import pickle
import random
import signal
import socket
import statistics
import subprocess
import sys
import time

from bakeoff_step import fail, unsupported

WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
FEATURES = ["x1", "x2", "x3", "x4"]


def _key(stage):
    return stage.upper().replace("-", "_")


def tool(stage):
    return os.environ["BAKEOFF_TOOL_" + _key(stage)]


def role(stage):
    """The role module of the pair's tool for `stage` (its adapter's integrate.py)."""
    path = os.environ.get("BAKEOFF_ROLE_" + _key(stage))
    if not path or not os.path.isfile(path):
        fail(f"no role module for stage {stage}: BAKEOFF_ROLE_{_key(stage)}={path!r}")
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"role_{_key(stage).lower()}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def path(*parts):
    p = os.path.join(WORK, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def dataset(rows, seed, shift=0.0):
    """A seeded classification table: FEATURES plus a 0/1 label that depends on x1 and x2; `shift` moves x1."""
    rng = random.Random(seed)
    table = []
    for _ in range(rows):
        x = [rng.gauss(0, 1) for _ in FEATURES]
        x[0] += shift
        label = 1 if x[0] + 0.5 * x[1] > shift else 0
        table.append(x + [label])
    return table


def write_csv(table, file, label=True):
    with open(file, "w", newline="\n") as f:
        f.write(",".join(FEATURES + (["label"] if label else [])) + "\n")
        for row in table:
            f.write(",".join(repr(round(v, 6)) if isinstance(v, float) else str(v) for v in row) + "\n")


def read_csv(file):
    with open(file) as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    return header, [[float(v) for v in line.split(",")] for line in lines[1:] if line]


def calling(function, *args):
    """function(*args); a role's NotImplementedError ends the step as unsupported."""
    try:
        return function(*args)
    except NotImplementedError as e:
        unsupported(e)


def sha256(file):
    with open(file, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# The model every integration hands around: a logistic regression trained in plain Python, pickled as a
# dict, so the glue needs no package of its own and the bytes are the same on every machine.

def train(table, epochs=60, rate=0.5):
    n = len(FEATURES)
    w, b = [0.0] * n, 0.0
    for _ in range(epochs):
        gw, gb = [0.0] * n, 0.0
        for row in table:
            x, y = row[:n], row[n]
            p = 1 / (1 + math.exp(-(sum(wi * xi for wi, xi in zip(w, x)) + b)))
            for i in range(n):
                gw[i] += (p - y) * x[i]
            gb += p - y
        w = [wi - rate * g / len(table) for wi, g in zip(w, gw)]
        b -= rate * gb / len(table)
    return {"features": FEATURES, "weights": [round(v, 12) for v in w], "bias": round(b, 12)}


def predict(model, features):
    z = sum(wi * float(features[f]) for wi, f in zip(model["weights"], model["features"])) + model["bias"]
    return 1 / (1 + math.exp(-z))


def accuracy(model, table):
    n = len(FEATURES)
    right = sum((predict(model, dict(zip(FEATURES, row[:n]))) >= 0.5) == (row[n] == 1) for row in table)
    return right / len(table)


def save_model(model, file):
    with open(file, "wb") as f:
        pickle.dump(model, f, protocol=4)


def load_model(file):
    with open(file, "rb") as f:
        return pickle.load(f)


def requests(count, seed, shift=0.0):
    """Seeded prediction inputs; `shift` moves x1 (the drift a monitor should flag)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        x = {f: round(rng.gauss(0, 1), 6) for f in FEATURES}
        x["x1"] = round(x["x1"] + shift, 6)
        out.append(x)
    return out


# Serving: the web-app role gives the argv; the driver starts it, waits, asks, and stops it.

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_and_ask(web, predictor, inputs, log_path, ready_timeout=180):
    """Starts web.serve(predictor, port, log_path) in its own process group, waits for web.ready, sends every
    input through web.request and stops the server. Returns (answers, startup_s, request latencies in ms)."""
    port = free_port()
    argv = calling(web.serve, predictor, port, log_path)
    t = time.perf_counter()
    server = subprocess.Popen(argv, cwd=WORK, stdout=sys.stderr, stderr=sys.stderr, start_new_session=True)
    try:
        while not web.ready(port):
            if server.poll() is not None:
                fail(f"the app server exited with code {server.returncode} before it was ready")
            if time.perf_counter() - t > ready_timeout:
                fail(f"the app server was not ready after {ready_timeout} s")
            time.sleep(0.2)
        startup_s = time.perf_counter() - t
        answers, latencies = [], []
        for features in inputs:
            t1 = time.perf_counter()
            answers.append(calling(web.request, port, features))
            latencies.append(1000 * (time.perf_counter() - t1))
        return answers, round(startup_s, 4), latencies
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def median_ms(latencies):
    return round(statistics.median(latencies), 3) if latencies else 0.0


def resolve(reference):
    """A "module:function" reference, imported."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)
