"""DVCLive role: a git + DVC repository (<work>/dvclive/repo). A run is a DVC experiment saved by DVCLive (a
git ref named run-<hex>): its params and metrics are DVCLive's files in that commit, and the model file is a
DVC-tracked artifact declared in dvc.yaml, its content in the repository's DVC cache. Registering follows
DVC's git-based model registry: the experiment is applied and committed to `main` with the artifact declared
under the model's name, and GTO tags that commit `<name>@v<semver>`; loading is `dvc artifacts get` of that
version from the repository."""
import contextlib
import os
import shutil
import subprocess
import sys
import uuid

WORK = os.environ["BAKEOFF_WORK"]
ROOT = os.path.join(WORK, "dvclive")
REPO = os.path.join(ROOT, "repo")
for key, value in {"DVC_NO_ANALYTICS": "1", "DVCLIVE_OPEN": "false",
                   "DVC_SITE_CACHE_DIR": os.path.join(ROOT, "site-cache"), "GIT_CONFIG_NOSYSTEM": "1",
                   # commits and registry tags need an identity; HOME is empty
                   "GIT_AUTHOR_NAME": "bakeoff", "GIT_AUTHOR_EMAIL": "bakeoff@example.invalid",
                   "GIT_COMMITTER_NAME": "bakeoff", "GIT_COMMITTER_EMAIL": "bakeoff@example.invalid"}.items():
    os.environ.setdefault(key, value)

import dvc.api
import gto.api
from dvclive import Live
from ruamel.yaml import YAML

UNSUPPORTED = {}
MODEL_FILE = "model.pkl"
ARTIFACT = "model"      # the artifact's name in the run's dvc.yaml; register adds the model's own name


def _run(*argv, cwd=REPO):
    p = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} in {cwd} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout


def _dvc(*args, cwd=REPO):
    return _run(sys.executable, "-m", "dvc", *args, cwd=cwd)


def _init_repo():
    if os.path.isdir(os.path.join(REPO, ".dvc")):
        return
    os.makedirs(REPO, exist_ok=True)
    _run("git", "init", "-q", "-b", "main")
    _dvc("init", "-q")
    _run("git", "commit", "-qm", "dvc init")


def log_run(params: dict[str, str], metrics: dict[str, float], model_path: str) -> str:
    _init_repo()
    # one file name for every run, so applying any run's experiment leaves no other run's files behind
    shutil.copyfile(model_path, os.path.join(REPO, MODEL_FILE))
    run_id = "run-" + uuid.uuid4().hex[:8]
    # DVCLive finds its repository from the working directory
    with contextlib.chdir(REPO), Live(exp_name=run_id, save_dvc_exp=True, report=None) as live:
        live.log_params(params)
        for metric, value in metrics.items():
            live.log_metric(metric, float(value))
        live.log_artifact(MODEL_FILE, type="model", name=ARTIFACT)
    # DVCLive only warns when saving the experiment fails
    refs = _run("git", "for-each-ref", "--format=%(refname)", "refs/exps").split()
    if not any(ref.endswith("/" + run_id) for ref in refs):
        raise RuntimeError(f"DVCLive did not save experiment {run_id} in {REPO}")
    return run_id


def read_run(run_id: str) -> dict[str, float]:
    return dvc.api.metrics_show(repo=REPO, rev=run_id)


def register(run_id: str, model_name: str) -> str:
    _dvc("exp", "apply", run_id)
    yaml, dvc_yaml = YAML(), os.path.join(REPO, "dvc.yaml")
    with open(dvc_yaml) as f:
        spec = yaml.load(f)
    spec["artifacts"][model_name] = dict(spec["artifacts"][ARTIFACT])
    with open(dvc_yaml, "w") as f:
        yaml.dump(spec, f)
    _run("git", "add", "-A")
    _run("git", "commit", "-q", "--allow-empty", "-m", f"register experiment {run_id} as {model_name}")
    return gto.api.register(REPO, model_name, ref="HEAD").version


def load_registered(model_name: str, version: str) -> str:
    dest = os.path.join(ROOT, "registry-downloads", model_name, version, "model.pkl")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    _dvc("artifacts", "get", REPO, model_name, "--rev", version, "--out", dest, "--force", cwd=ROOT)
    return dest
