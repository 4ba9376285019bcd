"""Delta Lake's remote steps: the same seeded files as the other tools (common/remote.py), stored as a Delta
table of 1 MiB chunks (path, chunk index, bytes) at a local object-store path (a file:// URI under REMOTE),
which is where a Delta table lives: writing a version IS the push. Versions 2 to 5 MERGE only the chunks
whose bytes changed. The clone reads the latest version and writes the files out; the one-file fetch reads
version 1 (time travel) filtered to one path."""
import os, sys, time
sys.dont_write_bytecode = True
import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, write_deltalake
from bakeoff_step import dispatch
from dataset import WORK
from remote import CLONE, ONE, ONE_FILE, REMOTE, clone_step, fetch_one_step, push_step

URI = "file://" + os.path.join(REMOTE, "table")
CHUNK = 1 << 20
SCHEMA = pa.schema([("path", pa.string()), ("chunk", pa.int32()), ("data", pa.large_binary())])


def chunks(root):
    """Every file under root as (relative path, chunk index, bytes) rows."""
    rows = {"path": [], "chunk": [], "data": []}
    for d, _, files in os.walk(root):
        for f in sorted(files):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            with open(p, "rb") as fh:
                for i, block in enumerate(iter(lambda: fh.read(CHUNK), b"")):
                    rows["path"].append(rel); rows["chunk"].append(i); rows["data"].append(block)
    return rows


def write_files(table, root):
    """Writes the files of a (path, chunk, data) table under root."""
    table = table.sort_by([("path", "ascending"), ("chunk", "ascending")])
    handles = {}
    for path, data in zip(table.column("path").to_pylist(), table.column("data").to_pylist()):
        if path not in handles:
            os.makedirs(os.path.dirname(os.path.join(root, path)) or root, exist_ok=True)
            handles[path] = open(os.path.join(root, path), "wb")
        handles[path].write(data)
    for h in handles.values():
        h.close()


def remote_push():
    data = os.path.join(WORK, "rem", "data")
    last = {}

    def init():
        os.makedirs(REMOTE, exist_ok=True)

    def record(v):
        pass                                  # a Delta version exists once written to the table: see push

    def push(v):
        rows = chunks(data)
        keyed = {(p, c): b for p, c, b in zip(rows["path"], rows["chunk"], rows["data"])}
        if v == 1:
            write_deltalake(URI, pa.table(rows, schema=SCHEMA))
        else:
            changed = [k for k, b in keyed.items() if last.get(k) != b]
            src = pa.table({"path": [k[0] for k in changed], "chunk": [k[1] for k in changed],
                            "data": [keyed[k] for k in changed]}, schema=SCHEMA)
            (DeltaTable(URI).merge(source=src, predicate="t.path = s.path AND t.chunk = s.chunk", source_alias="s",
                                   target_alias="t").when_matched_update_all().when_not_matched_insert_all().execute())
        last.clear(); last.update(keyed)

    push_step(data, init, record, push)


def remote_clone():
    def clone():
        write_files(DeltaTable(URI).to_pyarrow_table(), os.path.join(CLONE, "data"))
        return os.path.join(CLONE, "data")

    clone_step(clone)


def remote_fetch_one():
    def fetch_one():
        dt = DeltaTable(URI, version=0)
        table = dt.to_pyarrow_dataset().to_table(filter=pc.field("path") == ONE_FILE)
        write_files(table, ONE)
        return os.path.join(ONE, ONE_FILE)

    fetch_one_step(fetch_one)


dispatch(remote_push, remote_clone, remote_fetch_one)
