"""W&B role, offline mode: a run is a folder <work>/wandb/wandb/offline-run-<time>-<id> holding the run's
transaction log (.wandb), uploaded only by a later `wandb sync`; the model file is a `model` artifact of the
run, staged for that upload. W&B's own reader of those logs, `wandb leet inspect --summary --json`, reads
the metrics back without a server. The model registry and artifact downloads live on the W&B server, so
registering and loading are unsupported offline."""
import glob
import json
import os
import subprocess
import sys

WORK = os.environ["BAKEOFF_WORK"]
ROOT = os.path.join(WORK, "wandb")
# W&B keeps config, cache and staged artifacts under HOME by default: keep them in the work folder too
os.environ.update(WANDB_MODE="offline", WANDB_SILENT="true",
                  WANDB_CONFIG_DIR=os.path.join(ROOT, "config"), WANDB_CACHE_DIR=os.path.join(ROOT, "cache"),
                  WANDB_DATA_DIR=os.path.join(ROOT, "data"))

import wandb

UNSUPPORTED = {
    "register": "The W&B model registry lives on the W&B server: offline, run.link_artifact raises "
                "NotImplementedError and run.link_model asks for an API key",
    "load_registered": "Offline there is no registry to load from: run.use_artifact raises 'Cannot use artifact "
                       "when in offline mode'; a logged model is downloadable only after `wandb sync` to a server",
}


def log_run(params: dict[str, str], metrics: dict[str, float], model_path: str) -> str:
    os.makedirs(ROOT, exist_ok=True)
    # console off: W&B would otherwise wrap the caller's stdout, which carries the driver's verdict
    settings = wandb.Settings(mode="offline", root_dir=ROOT, console="off", silent=True, disable_git=True,
                              save_code=False, x_disable_stats=True)
    with wandb.init(project="bakeoff", config=params, settings=settings) as run:
        run.log(metrics)
        artifact = wandb.Artifact("model", type="model")
        artifact.add_file(model_path)
        run.log_artifact(artifact)
        return run.id


def read_run(run_id: str) -> dict[str, float]:
    folders = glob.glob(os.path.join(ROOT, "wandb", f"offline-run-*-{run_id}"))
    if len(folders) != 1:
        raise LookupError(f"W&B offline run {run_id}: {len(folders)} run folders under {ROOT}/wandb")
    p = subprocess.run([sys.executable, "-m", "wandb", "leet", "inspect", "--summary", "--json", folders[0]],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"wandb leet inspect {folders[0]} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    summary = json.loads(p.stdout)["summary"]
    return {k: v for k, v in summary.items() if not k.startswith("_")}     # _step, _runtime, _timestamp: W&B's own


def register(run_id: str, model_name: str) -> str:
    raise NotImplementedError(UNSUPPORTED["register"])


def load_registered(model_name: str, version: str) -> str:
    raise NotImplementedError(UNSUPPORTED["load_registered"])
