"""DataLad adapter: a DataLad dataset (git + git-annex, the annex from the git-annex PyPI wheel) in ds/;
every file under data/ is annexed (locked symlinks into .git/annex/objects). Files must be unlocked before
they are changed in place; versions are `datalad save` commits; the old version is a git checkout."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import WORK, changed_files, dataset_hash, done, generate, modify as change, save_state, state, tree_bytes

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


globals()[sys.argv[1]]()
