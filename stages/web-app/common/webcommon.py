"""Shared by the web-app adapters (on their PYTHONPATH) and their apps: the seeded model, the seeded prediction
requests, latency statistics, and two steps every adapter runs as they are:

  train()          train the model, write model.pkl and requests.json to the work folder
  app_loc(paths)   count the app's lines of code (non-blank, non-comment)
"""
import json
import os
import pickle
import time

from bakeoff_step import done, fail, param

WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
MODEL = os.path.join(WORK, "model.pkl")
REQUESTS = os.path.join(WORK, "requests.json")
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def load_model():
    """The app's view of the model: predict(list of 4 floats) -> "species (p=0.973)", the class and its
    probability, so nearly every input shows a different answer (a browser sees each new answer arrive)."""
    with open(MODEL, "rb") as fh:
        bundle = pickle.load(fh)
    clf, names = bundle["model"], bundle["names"]

    def predict(values):
        proba = clf.predict_proba([[float(v) for v in values]])[0]
        k = int(proba.argmax())
        return f"{names[k]} (p={proba[k]:.3f})"
    return predict


def train():
    t0 = time.perf_counter()
    import numpy as np
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    X, y = load_iris(return_X_y=True)
    names = list(load_iris().target_names)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    clf = LogisticRegression(max_iter=1000).fit(Xtr, ytr)
    accuracy = float((clf.predict(Xte) == yte).mean())
    with open(MODEL, "wb") as fh:
        pickle.dump({"model": clf, "names": names}, fh)
    # Seeded requests: iris rows with a little noise, rounded as a user would type them; expected answers
    # come from the trained model itself, so the app must show exactly these. A browser client sees an
    # answer arrive when the shown text changes, so no request has the same answer as the one before it.
    n = param("requests", 100)
    predict = load_model()
    rng = np.random.default_rng(20261129)
    rows, expected = [], []
    while len(rows) < n:
        row = np.round(X[rng.integers(0, len(X))] + rng.normal(0, 0.1, size=4), 1).tolist()
        answer = predict(row)
        if not expected or answer != expected[-1]:
            rows.append(row)
            expected.append(answer)
    with open(REQUESTS, "w") as fh:
        json.dump({"rows": rows, "expected": expected}, fh)
    out = dict(accuracy=round(accuracy, 4), requests=n, classes=len({a.split()[0] for a in expected}),
               train_s=round(time.perf_counter() - t0, 3))
    if accuracy < 0.9:
        fail(f"test accuracy {accuracy:.3f} is below 0.9", **out)
    done(True, **out)


def requests_plan():
    with open(REQUESTS) as fh:
        plan = json.load(fh)
    return plan["rows"], plan["expected"]


def percentile(values, q):
    s = sorted(values)
    if not s:
        return None
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def report_latencies(latencies_s, answers, expected, **extra):
    correct = sum(1 for a, e in zip(answers, expected) if a == e)
    ms = [x * 1000 for x in latencies_s]
    out = dict(requests=len(expected), answered=len(answers), correct=correct, all_correct=correct == len(expected),
               p50_ms=round(percentile(ms, 0.5), 2), p95_ms=round(percentile(ms, 0.95), 2),
               max_ms=round(max(ms), 2), mean_ms=round(sum(ms) / len(ms), 2))
    out.update(extra)
    if correct != len(expected):
        wrong = [(i, a, e) for i, (a, e) in enumerate(zip(answers, expected)) if a != e][:3]
        fail(f"{len(expected) - correct} of {len(expected)} predictions wrong or missing, e.g. {wrong}", **out)
    done(True, **out)


def app_loc(paths):
    loc = 0
    for path in paths:
        for line in open(path):
            s = line.strip()
            if s and not s.startswith("#"):
                loc += 1
    if loc == 0:
        fail("the app has no code")
    done(True, loc=loc, files=len(paths))
