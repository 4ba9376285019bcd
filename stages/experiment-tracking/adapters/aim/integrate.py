"""Aim role: runs, params and metrics live in a local Aim repository (<work>/aim/.aim); the model file is the
run's artifact, copied to a file:// artifacts folder beside it (<work>/aim/artifacts/<run hash>/). A closed
run reaches SDK reads only once the repository index is rebuilt (`aim storage reindex`, which Aim's UI does
in the background), so log_run rebuilds it. Aim has no model registry: registering and loading are
unsupported."""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("AIM_UI_TELEMETRY_ENABLED", "0")

from aim import Repo, Run

WORK = os.environ["BAKEOFF_WORK"]
REPO = os.path.join(WORK, "aim")
ARTIFACTS = os.path.join(REPO, "artifacts")
UNSUPPORTED = {
    "register": "Aim has no model registry: a model is an artifact file attached to a run, with no named versions",
    "load_registered": "Aim has no model registry to load a named model version from; "
                       "a model is only an artifact file of a run",
}


def log_run(params: dict[str, str], metrics: dict[str, float], model_path: str) -> str:
    os.makedirs(REPO, exist_ok=True)
    name = os.path.basename(model_path)
    # no terminal capture: Aim would otherwise wrap the caller's stdout, which carries the driver's verdict
    run = Run(repo=REPO, experiment="bakeoff", system_tracking_interval=None, capture_terminal_logs=False,
              log_system_params=False)
    try:
        run["hparams"] = dict(params)
        for metric, value in metrics.items():
            run.track(float(value), name=metric)
        run.set_artifacts_uri(Path(ARTIFACTS).as_uri())
        run.log_artifact(model_path, name=name, block=True)    # Aim swallows upload errors: checked below
        artifact = run.artifacts.get(name)
        run_hash = run.hash
    finally:
        run.close()
    if artifact is None or not os.path.isfile(urlparse(artifact.uri).path):
        raise RuntimeError(f"Aim run {run_hash}: model artifact {name} was not stored under {ARTIFACTS}")
    aim = os.path.join(os.path.dirname(sys.executable), "aim")
    p = subprocess.run([aim, "storage", "--repo", REPO, "reindex", "-y"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"aim storage reindex of {REPO} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return run_hash


def read_run(run_id: str) -> dict[str, float]:
    run = Repo.from_path(REPO).get_run(run_id)
    if run is None:
        raise LookupError(f"no Aim run {run_id} in {REPO}")
    return {m.name: m.values.last_value() for m in run.metrics() if not m.name.startswith("__")}


def register(run_id: str, model_name: str) -> str:
    raise NotImplementedError(UNSUPPORTED["register"])


def load_registered(model_name: str, version: str) -> str:
    raise NotImplementedError(UNSUPPORTED["load_registered"])
