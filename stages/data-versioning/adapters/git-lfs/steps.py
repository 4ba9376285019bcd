"""git-lfs adapter (Debian package, system python3 drives it): a git repository with every file under
data/ tracked by LFS; versions are commits, content lives in .git/lfs/objects (no remote)."""
import os, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from dataset import WORK, dataset_hash, generate, modify as change, save_state, state, tree_bytes

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
    version = sh("git", "lfs", "version")          # the Debian package must be installed
    t = time.time()
    sh("git", "init", "-q", "-b", "main")
    exclude_homes()
    sh("git", "lfs", "install", "--local")         # hooks and filters in this repository only
    sh("git", "lfs", "track", "data/**")
    sh("git", "add", ".gitattributes"); sh("git", "commit", "-qm", "lfs tracking")
    init_s = time.time() - t
    t = time.time()
    size, files = generate(DATA)
    generate_s = time.time() - t
    save_state(v1=dataset_hash(DATA), size=size)
    done(version.startswith("git-lfs/"), f"unexpected version output: {version}", init_s=init_s,
         generate_s=generate_s, dataset_bytes=size, files=files)


def add():
    t = time.time()
    sh("git", "add", "data"); sh("git", "commit", "-qm", "dataset v1")
    add_s = time.time() - t
    lfs_files = len(sh("git", "lfs", "ls-files").splitlines())
    done(lfs_files > 0, "no file stored by LFS", add_s=add_s, lfs_files=lfs_files)


def modify():
    t = time.time()
    changed = change(DATA)
    modify_s = time.time() - t
    v2 = dataset_hash(DATA)
    save_state(v2=v2)
    done(v2 != state()["v1"], "the change left the dataset hash unchanged", changed_bytes=changed, modify_s=modify_s)


def commit_version():
    t = time.time()
    sh("git", "add", "-A", "data"); sh("git", "commit", "-qm", "dataset v2")
    commit_s = time.time() - t
    commits = int(sh("git", "rev-list", "--count", "HEAD"))
    done(commits == 3, f"{commits} commits, expected 3", commit_s=commit_s)


def checkout_old():
    t = time.time()
    sh("git", "checkout", "-q", "HEAD~1", "--", "data")
    checkout_s = time.time() - t
    got = dataset_hash(DATA)
    ok = got == state()["v1"]
    done(ok, "version 1's hash differs after checkout", hash_ok=ok, checkout_s=checkout_s)


def storage():
    lfs = tree_bytes(os.path.join(WORK, ".git", "lfs", "objects"))
    objects = tree_bytes(os.path.join(WORK, ".git", "objects"))
    stored = lfs + objects
    logical = 2 * state()["size"]
    done(lfs > 0, "empty LFS store", stored_bytes=stored, logical_bytes=logical, dedup_ratio=logical / stored,
         lfs_bytes=lfs, git_objects_bytes=objects, workspace_bytes=tree_bytes(DATA))


# ---- remote: a bare git repository under REMOTE; LFS objects go there through git-lfs's standalone file
# transfer agent (a local path remote needs no LFS server) ------------------------------------------------

def at(*argv, cwd, env=None):
    p = subprocess.run(list(argv), cwd=cwd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        done(False, f"{' '.join(argv)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return p.stdout.strip()


def remote_push():
    from remote import REMOTE, push_step
    repo = os.path.join(WORK, "rem")

    def init():
        os.makedirs(REMOTE, exist_ok=True)
        at("git", "init", "-q", "--bare", "-b", "main", os.path.join(REMOTE, "repo.git"), cwd=WORK)
        at("git", "init", "-q", "-b", "main", cwd=repo)
        at("git", "lfs", "install", "--local", cwd=repo)
        at("git", "lfs", "track", "data/**", cwd=repo)
        at("git", "remote", "add", "origin", "file://" + os.path.join(REMOTE, "repo.git"), cwd=repo)

    def record(v):
        at("git", "add", "-A", cwd=repo); at("git", "commit", "-qm", f"dataset v{v}", cwd=repo)
        at("git", "tag", f"v{v}", cwd=repo)

    def push(v):
        at("git", "push", "-q", "origin", "main", "--tags", cwd=repo)     # the pre-push hook sends LFS objects

    os.makedirs(repo, exist_ok=True)
    push_step(os.path.join(repo, "data"), init, record, push)


def remote_clone():
    from remote import CLONE, REMOTE, clone_step
    at("git", "lfs", "install", "--skip-repo", cwd=WORK)      # the colleague's one-time set-up (filters in ~/.gitconfig)

    def clone():
        at("git", "clone", "-q", "file://" + os.path.join(REMOTE, "repo.git"), CLONE, cwd=WORK)
        return os.path.join(CLONE, "data")

    clone_step(clone)


def remote_fetch_one():
    """Clone without LFS content (pointer files only), check out tag v1, then pull the one file's object."""
    from remote import ONE, ONE_FILE, REMOTE, fetch_one_step
    at("git", "lfs", "install", "--skip-repo", cwd=WORK)

    def fetch_one():
        env = dict(os.environ, GIT_LFS_SKIP_SMUDGE="1")
        at("git", "clone", "-q", "file://" + os.path.join(REMOTE, "repo.git"), ONE, cwd=WORK, env=env)
        at("git", "checkout", "-q", "v1", cwd=ONE, env=env)
        at("git", "lfs", "pull", "--include", f"data/{ONE_FILE}", cwd=ONE)
        return os.path.join(ONE, "data", ONE_FILE)

    fetch_one_step(fetch_one)


dispatch(setup, add, modify, commit_version, checkout_old, storage, remote_push, remote_clone, remote_fetch_one)
