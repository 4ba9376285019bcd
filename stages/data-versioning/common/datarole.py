"""Shared by the data-versioning role modules (adapters/<tool>/integrate.py, see docs/integrations.md): the
work folder, quiet subprocesses that raise, a repository-local git identity and scratch folders for fresh
clones. Stdlib only. Nothing here prints to stdout: the integration driver's last stdout line is its verdict."""
import contextlib
import os
import shutil
import stat
import subprocess
import tempfile

NAME, EMAIL = "bakeoff", "bakeoff@example.invalid"
IDENTITY = ["-c", f"user.name={NAME}", "-c", f"user.email={EMAIL}"]   # for `git clone`: set in the clone's config


def work():
    folder = os.environ.get("BAKEOFF_WORK")
    if not folder:
        raise RuntimeError("BAKEOFF_WORK is not set: data-versioning roles keep every store under it")
    return folder


def run(argv, cwd, env=None):
    """Runs argv in cwd with its output captured; returns stdout, raises with the stderr tail on failure."""
    p = subprocess.run(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       check=False)
    if p.returncode != 0:
        tail = (p.stderr.strip() or p.stdout.strip())[-800:]
        raise RuntimeError(f"`{' '.join(argv)}` failed in {cwd} (exit {p.returncode}): {tail}")
    return p.stdout


def git_init(repo):
    """A git repository in repo on branch main, with the commit identity in its own config (never global)."""
    os.makedirs(repo, exist_ok=True)
    run(["git", "init", "-q", "-b", "main"], cwd=repo)
    run(["git", "config", "user.name", NAME], cwd=repo)
    run(["git", "config", "user.email", EMAIL], cwd=repo)


def put(csv_path, file):
    """Makes file hold csv_path's bytes, replacing a read-only file or link the tool left there."""
    if os.path.lexists(file):
        os.remove(file)
    shutil.copyfile(csv_path, file)


def deliver(file, dest):
    """Copies the fetched file (following an annex link) to dest."""
    os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
    shutil.copyfile(file, dest)


@contextlib.contextmanager
def scratch(prefix):
    """A fresh folder under BAKEOFF_WORK, removed afterwards even where the tool made its objects read-only."""
    folder = tempfile.mkdtemp(prefix=prefix + "-", dir=work())
    try:
        yield folder
    finally:
        shutil.rmtree(folder, onerror=_writable_then_retry)


def _writable_then_retry(function, path, _):
    for p in (os.path.dirname(path), path):
        if os.path.exists(p) and not os.path.islink(p):
            os.chmod(p, os.stat(p).st_mode | stat.S_IWUSR | stat.S_IXUSR)
    function(path)
