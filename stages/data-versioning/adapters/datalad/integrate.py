"""DataLad role: the repository is a DataLad dataset (git + git-annex, the annex from the git-annex PyPI
wheel) whose data.csv is annexed (content in .git/annex/objects, a link in git); each version is a
`datalad save` with `version_tag` set to its name. fetch makes a fresh `datalad clone` of the dataset at
the tag, which holds only the link, and lets `datalad get` copy the content from the dataset's annex."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
from datarole import IDENTITY, deliver, git_init, put, run, scratch  # noqa: E402

# git-annex comes with the environment's python (the wheel's bin folder), which a step has on PATH anyway
BIN = os.path.dirname(sys.executable)
if shutil.which("git-annex") is None and os.path.exists(os.path.join(BIN, "git-annex")):
    os.environ["PATH"] = BIN + os.pathsep + os.environ.get("PATH", "")
import datalad.api as dl  # noqa: E402

FILE = "data.csv"
UNSUPPORTED = {}   # publish and fetch both work here, offline
QUIET = {"result_renderer": "disabled", "on_failure": "stop"}


def publish(repo, versions):
    git_init(repo)   # the identity in the repository's config before datalad makes its first commits
    dl.create(repo, force=True, **QUIET)
    for name, csv_path in versions:
        put(csv_path, os.path.join(repo, FILE))   # the previous version is a read-only annex link
        dl.save(dataset=repo, path=os.path.join(repo, FILE), message=f"dataset {name}", version_tag=name, **QUIET)
    annexed = run(["git", "annex", "find", "--include=*", FILE], cwd=repo).split()
    if annexed != [FILE]:
        raise RuntimeError(f"{FILE} is not annexed in {repo}: git annex find printed {annexed}")


def fetch(repo, version, dest):
    with scratch("datalad-clone") as folder:
        clone = os.path.join(folder, "clone")
        dl.clone(source=repo, path=clone, git_clone_opts=[*IDENTITY, "--branch", version], **QUIET)
        if os.path.exists(os.path.realpath(os.path.join(clone, FILE))):
            raise RuntimeError(f"the fresh clone of {repo} already holds {FILE}'s content before datalad get")
        dl.get(dataset=clone, path=os.path.join(clone, FILE), **QUIET)
        deliver(os.path.join(clone, FILE), dest)
