"""Evidently's model-monitoring role: a Report of the DataDriftPreset over the given columns, run with its
tests. Evidently picks each column's test itself: for a numeric column with a reference of more than 1 000
rows, the normed Wasserstein distance with threshold 0.1 (at most 1 000 rows: a two-sample Kolmogorov-Smirnov
test, p < 0.05). A column drifted when Evidently's own "Value Drift" test for it fails."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import driftrole  # noqa: E402
from evidently import Report  # noqa: E402
from evidently.presets import DataDriftPreset  # noqa: E402


def drift(reference_csv, current_csv, columns):
    reference, current = driftrole.read_pair(reference_csv, current_csv, columns)
    snapshot = Report([DataDriftPreset(columns=list(columns))], include_tests=True).run(
        current_data=current, reference_data=reference)
    flags = {}
    for test in snapshot.dict()["tests"]:
        params = test["metric_config"]["params"]
        if params["type"].endswith(":ValueDrift"):
            flags[params["column"]] = test["status"] == "FAIL"
    return driftrole.complete(flags, columns, "Evidently")
