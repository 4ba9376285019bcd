"""Shared by the model-monitoring role modules (adapters/<tool>/integrate.py): the two CSV files read as
pandas tables of the compared columns, after checking both hold every one of them."""
import pandas as pd


def read_pair(reference_csv, current_csv, columns):
    """(reference, current): the `columns` of both CSV files, as float tables; raises when one is missing."""
    tables = []
    for name, path in [("reference", reference_csv), ("current", current_csv)]:
        table = pd.read_csv(path)
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise ValueError(f"the {name} CSV {path} has no column {', '.join(missing)} (it has {list(table.columns)})")
        if table.empty:
            raise ValueError(f"the {name} CSV {path} has no rows")
        tables.append(table[list(columns)].astype(float))
    return tables[0], tables[1]


def complete(flags, columns, tool):
    """`flags` restricted to `columns` as plain bools; raises when the tool gave no verdict for some column."""
    missing = [c for c in columns if c not in flags]
    if missing:
        raise RuntimeError(f"{tool} gave no drift verdict for column {', '.join(missing)}")
    return {c: bool(flags[c]) for c in columns}
