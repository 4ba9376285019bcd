"""Shared by the experiment-tracking adapters (on their PYTHONPATH): the seeded run plan, seeded model data,
the state kept between steps."""
import json, math, os, random, time

from bakeoff_step import param

T_START = time.time()


def sizes():
    return param("runs", 100), param("params", 10), param("steps", 50)


def run_plan(n_runs, n_params, n_steps, seed=20261129):
    """Every run's name, parameters and step-wise metrics; one seeded run ends with the best accuracy."""
    rng = random.Random(seed)
    best = rng.randrange(n_runs)
    runs = []
    for i in range(n_runs):
        params = {f"p{j:02d}": round(rng.uniform(0, 1), 6) for j in range(n_params)}
        final = 0.95 if i == best else round(rng.uniform(0.5, 0.9), 6)
        norm = 1 - math.exp(-n_steps / 10)
        acc = [round(final * (1 - math.exp(-(s + 1) / 10)) / norm, 6) for s in range(n_steps)]
        acc[-1] = final
        loss = [round(1 - a + rng.uniform(0, 0.01), 6) for a in acc]
        runs.append({"name": f"run-{i:04d}", "params": params, "acc": acc, "loss": loss, "final": final})
    return runs[best]["name"], runs


def model_data():
    """A seeded classification problem and a fitted classifier (deterministic)."""
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    X, y = make_classification(n_samples=2000, n_features=20, n_informative=8, random_state=7)
    clf = LogisticRegression(max_iter=500).fit(X, y)
    return X, y, clf


STATE = os.path.join(os.environ.get("BAKEOFF_WORK", os.getcwd()), "bakeoff-state.json")


def state():
    return json.load(open(STATE)) if os.path.exists(STATE) else {}


def save_state(**kw):
    s = state(); s.update(kw)
    json.dump(s, open(STATE, "w"))


def tree_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total
