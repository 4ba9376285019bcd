"""DVC adapter: a git + DVC repository in the work dir; the dataset folder is tracked as one DVC output
(`dvc add data`), versions are git commits of data.dvc, content lives in the local cache (.dvc/cache)."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from dataset import WORK, dataset_hash, generate, modify as change, save_state, state, tree_bytes

DVC = os.path.join(os.path.dirname(sys.executable), "dvc")
DATA = os.path.join(WORK, "data")


def sh(*argv):
    p = subprocess.run(list(argv), cwd=WORK, capture_output=True, text=True)
    if p.returncode != 0:
        done(False, f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout.strip()


def exclude_homes():
    """HOME and TMPDIR sit inside the work dir (runner layout): keep them out of git and DVC."""
    rel = [os.path.relpath(os.environ[v], WORK) for v in ("HOME", "TMPDIR") if v in os.environ]
    rel = [r for r in rel if not r.startswith("..")]
    with open(os.path.join(WORK, ".git", "info", "exclude"), "a") as f:
        f.write("".join(f"/{r}/\n" for r in rel) + "/bakeoff-state.json\n")
    return rel


def setup():
    version = sh(DVC, "--version")
    t = time.time()
    sh("git", "init", "-q", "-b", "main")
    rel = exclude_homes()
    sh(DVC, "init", "-q")
    with open(os.path.join(WORK, ".dvcignore"), "a") as f:
        f.write("".join(f"/{r}/\n" for r in rel))
    sh(DVC, "config", "core.site_cache_dir", os.path.join(os.environ.get("HOME", WORK), "dvc-site"))
    sh("git", "add", "-A"); sh("git", "commit", "-qm", "dvc init")
    init_s = time.time() - t
    t = time.time()
    size, files = generate(DATA)
    generate_s = time.time() - t
    save_state(v1=dataset_hash(DATA), size=size)
    done(bool(version), "dvc --version printed nothing", init_s=init_s, generate_s=generate_s, dataset_bytes=size, files=files)


def add():
    t = time.time()
    sh(DVC, "add", "-q", "data")
    sh("git", "add", "data.dvc", ".gitignore"); sh("git", "commit", "-qm", "dataset v1")
    add_s = time.time() - t
    done(os.path.exists(f"{WORK}/data.dvc"), "no data.dvc", add_s=add_s)


def modify():
    t = time.time()
    changed = change(DATA)
    modify_s = time.time() - t
    v2 = dataset_hash(DATA)
    save_state(v2=v2)
    done(v2 != state()["v1"], "the change left the dataset hash unchanged", changed_bytes=changed, modify_s=modify_s)


def commit_version():
    t = time.time()
    sh(DVC, "add", "-q", "data")
    sh("git", "add", "data.dvc"); sh("git", "commit", "-qm", "dataset v2")
    commit_s = time.time() - t
    commits = int(sh("git", "rev-list", "--count", "HEAD"))
    done(commits == 3, f"{commits} commits, expected 3", commit_s=commit_s)


def checkout_old():
    t = time.time()
    sh("git", "checkout", "-q", "HEAD~1", "--", "data.dvc")
    sh(DVC, "checkout", "-q", "data")
    checkout_s = time.time() - t
    got = dataset_hash(DATA)
    ok = got == state()["v1"]
    done(ok, "version 1's hash differs after checkout", hash_ok=ok, checkout_s=checkout_s)


def storage():
    stored = tree_bytes(os.path.join(WORK, ".dvc", "cache"))
    logical = 2 * state()["size"]
    done(stored > 0, "empty cache", stored_bytes=stored, logical_bytes=logical, dedup_ratio=logical / stored,
         workspace_bytes=tree_bytes(DATA))


# ---- remote: a DVC local remote (a folder) beside a bare git repository, both under REMOTE ----------------

def remote_push():
    from remote import REMOTE, push_step
    repo = os.path.join(WORK, "rem")

    def at(*argv, cwd=repo):
        p = subprocess.run(list(argv), cwd=cwd, capture_output=True, text=True)
        if p.returncode != 0:
            done(False, f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")

    def init():
        os.makedirs(REMOTE, exist_ok=True)
        at("git", "init", "-q", "--bare", "-b", "main", os.path.join(REMOTE, "repo.git"), cwd=WORK)
        at("git", "init", "-q", "-b", "main"); at(DVC, "init", "-q")
        at(DVC, "remote", "add", "-d", "storage", os.path.join(REMOTE, "dvc-store"))
        at("git", "remote", "add", "origin", os.path.join(REMOTE, "repo.git"))

    def record(v):
        at(DVC, "add", "-q", "data")
        at("git", "add", "-A"); at("git", "commit", "-qm", f"dataset v{v}"); at("git", "tag", f"v{v}")

    def push(v):
        at(DVC, "push", "-q"); at("git", "push", "-q", "origin", "main", "--tags")

    push_step(os.path.join(repo, "data"), init, record, push)


def remote_clone():
    from remote import CLONE, REMOTE, clone_step

    def clone():
        sh("git", "clone", "-q", os.path.join(REMOTE, "repo.git"), CLONE)
        p = subprocess.run([DVC, "pull", "-q"], cwd=CLONE, capture_output=True, text=True)
        if p.returncode != 0:
            done(False, f"dvc pull failed: {p.stderr[-500:]}")
        return os.path.join(CLONE, "data")

    clone_step(clone)


def remote_fetch_one():
    """`dvc get` of one file at tag v1: it reads the git repository and downloads only that file."""
    from remote import ONE, ONE_FILE, REMOTE, fetch_one_step

    def fetch_one():
        os.makedirs(ONE, exist_ok=True)
        out = os.path.join(ONE, os.path.basename(ONE_FILE))
        sh(DVC, "get", "-q", os.path.join(REMOTE, "repo.git"), f"data/{ONE_FILE}", "--rev", "v1", "-o", out)
        return out

    fetch_one_step(fetch_one)


dispatch(setup, add, modify, commit_version, checkout_old, storage, remote_push, remote_clone, remote_fetch_one)
