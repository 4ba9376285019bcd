"""NannyML's model-monitoring role: a UnivariateDriftCalculator at its defaults (Jensen-Shannon distance for
continuous columns; the default chunker, which splits each period into 10 chunks) is fitted on the reference
and run on the current table as the analysis period. NannyML alerts per chunk, when a chunk's distance
exceeds the mean + 3 standard deviations of the distance over the reference chunks. A column drifted when
any chunk of the analysis period alerts for it."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import driftrole  # noqa: E402
import nannyml as nml  # noqa: E402


def drift(reference_csv, current_csv, columns):
    reference, current = driftrole.read_pair(reference_csv, current_csv, columns)
    calculator = nml.UnivariateDriftCalculator(column_names=list(columns))
    calculator.fit(reference)
    table = calculator.calculate(current).filter(period="analysis").to_df()
    if table.empty:
        raise RuntimeError("NannyML made no analysis chunk of the current table")
    flags = {}
    for column, method, field in table.columns:
        if column in columns and field == "alert":
            flags[column] = flags.get(column, False) or bool(table[(column, method, field)].any())
    return driftrole.complete(flags, columns, "NannyML")
