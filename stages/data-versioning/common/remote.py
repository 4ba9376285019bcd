"""Shared by the data-versioning adapters' remote steps (stdlib only, like dataset.py): the same seeded
dataset for every tool (`dataset_mb` MB of the mixed files, Delta Lake included), five versions with `change_percent` of the bytes
changed each, pushed to a remote of the tool's own kind that lives on this machine under REMOTE; then a full
clone and a fetch of one file of version 1 from that remote into fresh folders.

"Bytes moved" is measured where the data lands: the remote's growth for a push (every file under REMOTE),
and everything on disk in the fresh folder for a clone or a one-file fetch (regular files, symlinks not
followed, so a file kept once in a store and linked into the working tree counts once; a tool that copies
it out of its store counts twice, as it uses twice the disk). Each tool gives four callables:
  init()            make the working repository (or table folder) and its remote, empty
  record(v)         make version v of DATA a version in the repository (tag or commit "v<v>")
  push(v)           send version v to the remote
  clone() -> path   full clone of the latest version into CLONE; returns the data folder there
  fetch_one() -> p  only ONE_FILE of version 1 into ONE; returns the file's path"""
import hashlib, os, time
from bakeoff_step import done
from dataset import WORK, changed_files, dataset_hash, generate, modify, save_state, state, tree_bytes

REMOTE = os.path.join(WORK, "remote")
CLONE = os.path.join(WORK, "clone")
ONE = os.path.join(WORK, "one")
ONE_FILE = "tables/t0003.csv"
VERSIONS = 5


def file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def push_step(data, init, record, push, before_change=None):
    """Generates the dataset in `data`, records and pushes version 1 (timed: the full push), then versions 2 to
    5 each with 1 % changed; reports the push time and bytes and the remote's growth over the five versions."""
    size, files = generate(data)
    save_state(remote_v1=dataset_hash(data), remote_one_v1=file_hash(os.path.join(data, ONE_FILE)), remote_size=size)
    init()
    t = time.time(); record(1); record_s = time.time() - t
    t = time.time(); push(1); push_s = time.time() - t
    first = tree_bytes(REMOTE)
    later = []
    for v in range(2, VERSIONS + 1):
        seed = 2911 + v
        if before_change:
            before_change(changed_files(data, seed))
        modify(data, seed)
        t = time.time(); record(v); push(v); later.append(time.time() - t)
    last = tree_bytes(REMOTE)
    save_state(remote_latest=dataset_hash(data))
    done(first > 0, "the remote is empty after the first push", dataset_bytes=size, files=files, record_s=record_s,
         push_s=push_s, push_bytes=first, remote_bytes_5_versions=last, growth_ratio=last / first,
         growth_percent_per_version=100 * (last - first) / first / (VERSIONS - 1), later_version_s=sum(later) / len(later))


def clone_step(clone):
    """Full clone of the latest version from the remote into a fresh folder; checked by the dataset hash."""
    t = time.time(); data = clone(); clone_s = time.time() - t
    ok = dataset_hash(data) == state()["remote_latest"]
    done(ok, "the clone's dataset differs from the latest version pushed", clone_s=clone_s,
         clone_bytes=tree_bytes(CLONE), dataset_bytes=state()["remote_size"], hash_ok=ok)


def fetch_one_step(fetch_one):
    """Only one file of version 1 into a fresh folder; checked by the file's hash."""
    t = time.time(); path = fetch_one(); fetch_s = time.time() - t
    ok = os.path.isfile(path) and file_hash(path) == state()["remote_one_v1"]
    done(ok, "the fetched file differs from version 1's", fetch_one_s=fetch_s, fetch_one_bytes=tree_bytes(ONE),
         file_bytes=os.path.getsize(path) if os.path.isfile(path) else 0, hash_ok=ok)
