"""DVC role: the repository is a git + DVC repository whose data.csv is a DVC output (`dvc add`: content
in the local cache .dvc/cache, its hash in data.csv.dvc in git); each version is a commit tagged with its
name. fetch runs `dvc get REPO data.csv --rev TAG`, DVC's own download of a tracked file at a git
revision: it reads data.csv.dvc from the tag's commit and the content from the repository's cache."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from datarole import git_init, put, run, work  # noqa: E402

FILE = "data.csv"
UNSUPPORTED = {}   # publish and fetch both work here, offline


def dvc(*args, cwd):
    # dvc's site cache (index and lock databases) goes under the work folder, not /var/tmp/dvc
    env = dict(os.environ, DVC_NO_ANALYTICS="1", DVC_SITE_CACHE_DIR=os.path.join(work(), "dvc-site"))
    return run([os.path.join(os.path.dirname(sys.executable), "dvc"), *args], cwd=cwd, env=env)


def publish(repo, versions):
    git_init(repo)
    dvc("init", "-q", cwd=repo)
    run(["git", "add", "-A"], cwd=repo)
    run(["git", "commit", "-qm", "dvc init"], cwd=repo)
    for name, csv_path in versions:
        put(csv_path, os.path.join(repo, FILE))
        dvc("add", "-q", FILE, cwd=repo)
        run(["git", "add", FILE + ".dvc", ".gitignore"], cwd=repo)
        run(["git", "commit", "-qm", f"dataset {name}"], cwd=repo)
        run(["git", "tag", name], cwd=repo)


def fetch(repo, version, dest):
    os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
    dvc("get", repo, FILE, "--rev", version, "--out", dest, "--force", cwd=work())
