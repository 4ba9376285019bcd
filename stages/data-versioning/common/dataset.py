"""Shared by the file-based data-versioning adapters (stdlib only, so the git-lfs adapter runs it with the
system python3): the seeded mixed dataset, its 1 % change, a dataset hash, sizes, the state kept between
steps. Adapters reach it through PYTHONPATH (see docs/adapters.md)."""
import hashlib, json, math, os, random

from bakeoff_step import param

MIB = 1 << 20
CSV_FILE = 256 * 1024
WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
STATE = os.path.join(WORK, "bakeoff-state.json")


def layout():
    """(big file bytes, number of 1 MiB blobs, number of 256 KiB CSV files) for dataset_mb."""
    total = int(param("dataset_mb", 200.0) * MIB)
    return int(total * 0.4), max(1, round(total * 0.3 / MIB)), max(1, round(total * 0.3 / CSV_FILE))


def csv_bytes(rng, size):
    """CSV text of exactly `size` bytes: an id, three floats and a label per row."""
    lines, n, i = ["id,x1,x2,x3,label\n"], 18, 0
    while n < size:
        line = f"{i},{rng.random():.6f},{rng.random():.6f},{rng.random():.6f},{rng.randrange(2)}\n"
        lines.append(line); n += len(line); i += 1
    return "".join(lines).encode()[:size]


def generate(root):
    """Write the seeded dataset under root; returns (bytes, files)."""
    big, blobs, csvs = layout()
    rng = random.Random(1129)
    os.makedirs(f"{root}/blobs", exist_ok=True); os.makedirs(f"{root}/tables", exist_ok=True)
    with open(f"{root}/big.bin", "wb") as f:
        left = big
        while left:
            chunk = min(left, 8 * MIB); f.write(rng.randbytes(chunk)); left -= chunk
    for i in range(blobs):
        open(f"{root}/blobs/b{i:04d}.bin", "wb").write(rng.randbytes(MIB))
    for i in range(csvs):
        open(f"{root}/tables/t{i:04d}.csv", "wb").write(csv_bytes(rng, CSV_FILE))
    return big + blobs * MIB + csvs * CSV_FILE, 1 + blobs + csvs


def changed_files(root, seed=2911):
    """The files modify() writes (same seeded choice), e.g. to unlock them first."""
    big, blobs, csvs = layout()
    budget = (big + blobs * MIB + csvs * CSV_FILE) * param("change_percent", 1.0) / 100
    rng = random.Random(seed)
    rng.randbytes(int(budget / 2))
    k = max(1, math.ceil(budget / 2 / CSV_FILE))
    return [f"{root}/big.bin"] + [f"{root}/tables/t{i:04d}.csv" for i in sorted(rng.sample(range(csvs), min(k, csvs)))]


def modify(root, seed=2911):
    """Change change_percent of the bytes: half patched in place in big.bin, half as rewritten CSV files
    (another seed changes other bytes: the remote steps make versions 2 to 5 with seeds 2913 to 2916)."""
    big, blobs, csvs = layout()
    budget = (big + blobs * MIB + csvs * CSV_FILE) * param("change_percent", 1.0) / 100
    rng = random.Random(seed)
    patch = int(budget / 2)
    with open(f"{root}/big.bin", "r+b") as f:
        f.seek(big // 2); f.write(rng.randbytes(patch))
    k = max(1, math.ceil(budget / 2 / CSV_FILE))
    for i in sorted(rng.sample(range(csvs), min(k, csvs))):
        open(f"{root}/tables/t{i:04d}.csv", "wb").write(csv_bytes(rng, CSV_FILE))
    return patch + k * CSV_FILE


def dataset_hash(root, skip=(".dvc",)):
    """SHA-256 over every file's relative path and content, in sorted order."""
    h = hashlib.sha256()
    paths = []
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in skip]
        paths += [os.path.join(d, f) for f in files]
    for p in sorted(paths):
        h.update(os.path.relpath(p, root).encode() + b"\0")
        fh = hashlib.sha256()
        with open(p, "rb") as f:
            for chunk in iter(lambda: f.read(MIB), b""):
                fh.update(chunk)
        h.update(fh.digest())
    return h.hexdigest()


def tree_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def state():
    return json.load(open(STATE)) if os.path.exists(STATE) else {}


def save_state(**kw):
    s = state(); s.update(kw)
    json.dump(s, open(STATE, "w"))
