"""Delta Lake (delta-rs) role: the repository is a Delta table; each version overwrites it with the CSV's
rows (a column per CSV column, int64/float64 where every cell reads back to the same text, else string,
plus `_row` for the line order a table does not keep) in a commit whose metadata names the version.
fetch finds that name in the table's own commit history, reads the table by time travel to that table
version and writes the rows back as CSV; publish refuses a CSV that would not come back byte for byte."""
import csv
import io
import os

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, write_deltalake

KEY = "bakeoff.version"   # commit metadata: the version's name
ROW = "_row"
UNSUPPORTED = {}   # publish and fetch both work here, offline


def _typed(cells):
    """cells as int64 or float64 when each one's text is what that type writes back, else as strings."""
    for kind, parse in ((pa.int64(), int), (pa.float64(), float)):
        try:
            values = [parse(c) for c in cells]
            if all(str(v) == c for v, c in zip(values, cells)):
                return pa.array(values, kind)
        except (ValueError, OverflowError):   # not that type, or beyond int64 (ArrowInvalid is a ValueError)
            pass
    return pa.array(cells, pa.string())


def _render(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _table(csv_path):
    with open(csv_path, "rb") as f:
        data = f.read()
    header, *rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    if any(len(r) != len(header) for r in rows):
        raise ValueError(f"{csv_path}: rows differ in length from the header")
    columns = {name: _typed([r[i] for r in rows]) for i, name in enumerate(header)}
    table = pa.table({**columns, ROW: pa.array(range(len(rows)), pa.int64())})
    if _render(header, _rows(table)) != data:
        raise ValueError(f"{csv_path} would not come back byte for byte from a table (quoting, line ends?)")
    return table


def _rows(table):
    table = table.sort_by(ROW).drop_columns([ROW])
    return zip(*(column.to_pylist() for column in table.columns))


def publish(repo, versions):
    for name, csv_path in versions:
        write_deltalake(repo, _table(csv_path), mode="overwrite", schema_mode="overwrite",
                        commit_properties=CommitProperties(custom_metadata={KEY: name}))
    if DeltaTable(repo).version() != len(versions) - 1:
        raise RuntimeError(f"{repo}: table version {DeltaTable(repo).version()} after {len(versions)} writes")


def fetch(repo, version, dest):
    history = DeltaTable(repo).history()   # newest commit first
    numbers = [h["version"] for h in history if h.get(KEY) == version]
    if not numbers:
        named = sorted({h[KEY] for h in history if KEY in h})
        raise LookupError(f"no commit of the Delta table {repo} is named {version!r} (named: {named})")
    table = DeltaTable(repo, version=numbers[0]).to_pyarrow_table()
    header = [name for name in table.column_names if name != ROW]
    os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(_render(header, _rows(table)))
