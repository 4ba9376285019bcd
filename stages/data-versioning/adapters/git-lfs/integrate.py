"""git-lfs role: the repository is a git repository whose data.csv is tracked by LFS (content in
.git/lfs/objects, a pointer in git); each version is a commit tagged with its name. fetch makes a fresh
clone at the tag (which checks out only the pointer) and lets `git lfs pull` bring the content from the
repository's LFS store, a local path (git-lfs's standalone file transfer), then copies data.csv to dest."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from datarole import IDENTITY, deliver, git_init, put, run, scratch  # noqa: E402

FILE = "data.csv"
UNSUPPORTED = {}   # publish and fetch both work here, offline


def publish(repo, versions):
    git_init(repo)
    run(["git", "lfs", "install", "--local"], cwd=repo)
    run(["git", "lfs", "track", FILE], cwd=repo)
    run(["git", "add", ".gitattributes"], cwd=repo)
    run(["git", "commit", "-qm", "track data.csv with LFS"], cwd=repo)
    for name, csv_path in versions:
        put(csv_path, os.path.join(repo, FILE))
        run(["git", "add", FILE], cwd=repo)
        run(["git", "commit", "-qm", f"dataset {name}"], cwd=repo)
        run(["git", "tag", name], cwd=repo)
    stored = run(["git", "lfs", "ls-files", "--all", "--name-only"], cwd=repo).split()
    if len(stored) < len(versions):
        raise RuntimeError(f"git lfs ls-files --all lists {len(stored)} objects for {len(versions)} versions")


def fetch(repo, version, dest):
    with scratch("git-lfs-clone") as folder:
        clone = os.path.join(folder, "clone")
        run(["git", "clone", "-q", *IDENTITY, "--branch", version, repo, clone], cwd=folder)
        run(["git", "lfs", "install", "--local"], cwd=clone)
        run(["git", "lfs", "pull"], cwd=clone)
        pointer = run(["git", "lfs", "ls-files", "--name-only"], cwd=clone).split()
        if FILE not in pointer:
            raise RuntimeError(f"{FILE} at {version} is not an LFS file in {repo}")
        with open(os.path.join(clone, FILE), "rb") as f:
            if f.read(40).startswith(b"version https://git-lfs"):
                raise RuntimeError(f"git lfs pull left the pointer of {FILE} at {version}, not its content")
        deliver(os.path.join(clone, FILE), dest)
