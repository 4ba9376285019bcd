"""DataLad adapter: a DataLad dataset (git + git-annex, the annex from the git-annex PyPI wheel) in ds/;
every file under data/ is annexed (locked symlinks into .git/annex/objects). Files must be unlocked before
they are changed in place; versions are `datalad save` commits; the old version is a git checkout."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from dataset import WORK, changed_files, dataset_hash, generate, modify as change, save_state, state, tree_bytes

t0 = time.time()
import datalad.api as dl
import_s = time.time() - t0
DS = os.path.join(WORK, "ds")
DATA = os.path.join(DS, "data")


def sh(*argv):
    p = subprocess.run(list(argv), cwd=DS, capture_output=True, text=True)
    if p.returncode != 0:
        done(False, f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout.strip()


def setup():
    version = subprocess.run(["git", "annex", "version", "--raw"], capture_output=True, text=True).stdout.strip()
    t = time.time()
    dl.create(DS, result_renderer="disabled")
    init_s = time.time() - t
    t = time.time()
    size, files = generate(DATA)
    generate_s = time.time() - t
    save_state(v1=dataset_hash(DATA), size=size)
    done(bool(version), "git annex version printed nothing", import_s=import_s, init_s=init_s, generate_s=generate_s,
         dataset_bytes=size, files=files)


def add():
    t = time.time()
    dl.save(dataset=DS, path=DATA, message="dataset v1", result_renderer="disabled")
    add_s = time.time() - t
    annexed = len(sh("git", "annex", "find", "data").splitlines())
    done(annexed > 0, "no annexed file", add_s=add_s, annexed_files=annexed)


def modify():
    t = time.time()
    dl.unlock(dataset=DS, path=changed_files(DATA), result_renderer="disabled")   # annexed files are read-only links
    unlock_s = time.time() - t
    changed = change(DATA)
    modify_s = time.time() - t
    v2 = dataset_hash(DATA)
    save_state(v2=v2)
    done(v2 != state()["v1"], "the change left the dataset hash unchanged", changed_bytes=changed, modify_s=modify_s,
         unlock_s=unlock_s)


def commit_version():
    t = time.time()
    dl.save(dataset=DS, path=DATA, message="dataset v2", result_renderer="disabled")
    commit_s = time.time() - t
    dirty = sh("git", "status", "--porcelain", "data")
    done(not dirty, f"uncommitted changes left: {dirty[:200]}", commit_s=commit_s)


def checkout_old():
    t = time.time()
    sh("git", "checkout", "-q", "HEAD~1")
    checkout_s = time.time() - t
    ok = dataset_hash(DATA) == state()["v1"]
    done(ok, "version 1's hash differs after checkout", hash_ok=ok, checkout_s=checkout_s)


def storage():
    annex = tree_bytes(os.path.join(DS, ".git", "annex", "objects"))
    objects = tree_bytes(os.path.join(DS, ".git", "objects"))
    stored = annex + objects
    logical = 2 * state()["size"]
    done(annex > 0, "empty annex", stored_bytes=stored, logical_bytes=logical, dedup_ratio=logical / stored,
         annex_bytes=annex, git_objects_bytes=objects)


# ---- remote: a DataLad sibling on a local path under REMOTE (a git repository with its own annex, made by
# create_sibling); datalad push sends the git history and the annexed content ------------------------------

def remote_push():
    from remote import REMOTE, push_step
    ds = os.path.join(WORK, "rem")

    def init():
        dl.create(ds, force=True, result_renderer="disabled")       # force: the data folder is already there
        dl.create_sibling(sshurl=os.path.join(REMOTE, "ds"), name="origin", dataset=ds, result_renderer="disabled")

    def record(v):
        dl.save(dataset=ds, path=os.path.join(ds, "data"), message=f"dataset v{v}", version_tag=f"v{v}", result_renderer="disabled")

    def push(v):
        dl.push(dataset=ds, to="origin", result_renderer="disabled")
        subprocess.run(["git", "push", "-q", "origin", "--tags"], cwd=ds, check=True, capture_output=True)

    def unlock(files):
        existing = [f for f in files if os.path.exists(f)]
        dl.unlock(dataset=ds, path=existing, result_renderer="disabled")

    push_step(os.path.join(ds, "data"), init, record, push, before_change=unlock)


def remote_clone():
    from remote import CLONE, REMOTE, clone_step

    def clone():
        dl.clone(source=os.path.join(REMOTE, "ds"), path=CLONE, result_renderer="disabled")
        dl.get(dataset=CLONE, path=os.path.join(CLONE, "data"), result_renderer="disabled")
        return os.path.join(CLONE, "data")

    clone_step(clone)


def remote_fetch_one():
    """Clone (git history and annex pointers only), check out tag v1, get the one file's content."""
    from remote import ONE, ONE_FILE, REMOTE, fetch_one_step

    def fetch_one():
        dl.clone(source=os.path.join(REMOTE, "ds"), path=ONE, result_renderer="disabled")
        subprocess.run(["git", "checkout", "-q", "v1"], cwd=ONE, check=True, capture_output=True)
        dl.get(dataset=ONE, path=os.path.join(ONE, "data", ONE_FILE), result_renderer="disabled")
        return os.path.join(ONE, "data", ONE_FILE)

    fetch_one_step(fetch_one)


dispatch(setup, add, modify, commit_version, checkout_old, storage, remote_push, remote_clone, remote_fetch_one)
