"""whylogs' model-monitoring role: both tables are profiled with why.log, then whylogs' drift report scores
each column (calculate_drift_scores: for numeric columns a two-sample Kolmogorov-Smirnov test on the profiles'
quantile sketches) and puts it in a category by its default thresholds: DRIFT for p < 0.05, POSSIBLE_DRIFT
for 0.05-0.15, NO_DRIFT above. A column drifted when its category is DRIFT (POSSIBLE_DRIFT does not count)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import driftrole  # noqa: E402
import whylogs as why  # noqa: E402
from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores  # noqa: E402


def drift(reference_csv, current_csv, columns):
    reference, current = driftrole.read_pair(reference_csv, current_csv, columns)
    scores = calculate_drift_scores(target_view=why.log(pandas=current).view(),
                                    reference_view=why.log(pandas=reference).view(), with_thresholds=True)
    flags = {c: s["drift_category"] == "DRIFT" for c, s in scores.items() if s is not None}
    return driftrole.complete(flags, columns, "whylogs")
