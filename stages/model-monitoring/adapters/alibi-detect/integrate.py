"""alibi-detect's model-monitoring role: a KSDrift detector at its defaults (a two-sample Kolmogorov-Smirnov
test per feature, p_val 0.05, Bonferroni correction) fitted on the reference and asked for its default
batch-level prediction on the current table. That prediction returns each feature's p-value and the
corrected threshold (0.05 / number of features); a column drifted when its p-value is below that threshold,
so the flagged columns are exactly those that make alibi-detect call the batch drifted."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "common"))
import driftrole  # noqa: E402
from alibi_detect.cd import KSDrift  # noqa: E402


def drift(reference_csv, current_csv, columns):
    reference, current = driftrole.read_pair(reference_csv, current_csv, columns)
    result = KSDrift(reference.to_numpy()).predict(current.to_numpy())["data"]
    flags = {c: p < result["threshold"] for c, p in zip(columns, result["p_val"])}
    if any(flags.values()) != bool(result["is_drift"]):
        raise RuntimeError(f"alibi-detect's batch verdict {result['is_drift']} disagrees with its p-values "
                           f"{result['p_val']} (threshold {result['threshold']})")
    return driftrole.complete(flags, columns, "alibi-detect")
