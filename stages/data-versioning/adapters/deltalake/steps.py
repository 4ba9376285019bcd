"""Delta Lake (delta-rs) adapter: Delta versions tables, not files, so the dataset is the same volume of
seeded table rows (an id and 12 float64 features, 104 bytes a row); version 2 updates 1 % of the rows
(a contiguous id range) with a MERGE, and version 1 is read back by time travel."""
import hashlib, json, os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done, param

t0 = time.time()
import numpy as np
import pandas as pd
import deltalake
from deltalake import DeltaTable, write_deltalake
import_s = time.time() - t0

WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
TABLE = os.path.join(WORK, "table")
STATE = os.path.join(WORK, "bakeoff-state.json")
ROW = 8 * 13
FEATURES = [f"f{i:02d}" for i in range(12)]


def state():
    return json.load(open(STATE)) if os.path.exists(STATE) else {}


def save_state(**kw):
    s = state(); s.update(kw); json.dump(s, open(STATE, "w"))


def tree_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def frame_hash(df):
    df = df.sort_values("id").reset_index(drop=True)
    h = hashlib.sha256(df["id"].to_numpy(np.int64).tobytes())
    for c in FEATURES:
        h.update(df[c].to_numpy(np.float64).tobytes())
    return h.hexdigest()


def load(name):
    z = np.load(os.path.join(WORK, name))
    return pd.DataFrame({"id": z["id"], **{c: z[c] for c in FEATURES}})


def setup():
    t = time.time()
    rows = int(param("dataset_mb", 200.0) * (1 << 20)) // ROW
    rng = np.random.default_rng(1129)
    cols = {"id": np.arange(rows, dtype=np.int64), **{c: rng.normal(size=rows) for c in FEATURES}}
    np.savez(os.path.join(WORK, "v1.npz"), **cols)
    generate_s = time.time() - t
    save_state(rows=rows, size=rows * ROW, v1=frame_hash(pd.DataFrame(cols)))
    done(deltalake.__version__ != "", "deltalake has no version", init_s=import_s, generate_s=generate_s,
         dataset_bytes=rows * ROW, files=1, rows=rows)


def add():
    df = load("v1.npz")
    t = time.time()
    write_deltalake(TABLE, df)
    add_s = time.time() - t
    dt = DeltaTable(TABLE)
    done(dt.version() == 0, f"table at version {dt.version()}", add_s=add_s, data_files=len(dt.file_uris()))


def modify():
    rows = state()["rows"]
    t = time.time()
    n = max(1, int(rows * param("change_percent", 1.0) / 100))
    start = int(np.random.default_rng(2911).integers(0, rows - n + 1))
    rng = np.random.default_rng(2912)
    changed = pd.DataFrame({"id": np.arange(start, start + n, dtype=np.int64), **{c: rng.normal(size=n) for c in FEATURES}})
    changed.to_parquet(os.path.join(WORK, "changed.parquet"))       # the working copy of the change
    modify_s = time.time() - t
    v2 = load("v1.npz")
    v2.iloc[start:start + n] = changed.to_numpy()
    save_state(v2=frame_hash(v2))
    done(n > 0, "no row changed", changed_bytes=n * ROW, changed_rows=n, modify_s=modify_s)


def commit_version():
    changed = pd.read_parquet(os.path.join(WORK, "changed.parquet"))
    t = time.time()
    (DeltaTable(TABLE).merge(source=changed, predicate="t.id = s.id", source_alias="s", target_alias="t")
     .when_matched_update_all().execute())
    commit_s = time.time() - t
    dt = DeltaTable(TABLE)
    ok = dt.version() == 1 and frame_hash(dt.to_pandas()) == state()["v2"]
    done(ok, "version 2 is not the changed dataset", commit_s=commit_s, data_files=len(dt.file_uris()))


def checkout_old():
    t = time.time()
    old = DeltaTable(TABLE, version=0).to_pandas()
    checkout_s = time.time() - t
    ok = frame_hash(old) == state()["v1"]
    done(ok, "version 1's hash differs after time travel", hash_ok=ok, checkout_s=checkout_s)


def storage():
    stored = tree_bytes(TABLE)
    logical = 2 * state()["size"]
    done(stored > 0, "empty table", stored_bytes=stored, logical_bytes=logical, dedup_ratio=logical / stored)


dispatch(setup, add, modify, commit_version, checkout_old, storage)
