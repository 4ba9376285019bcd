"""alibi-detect adapter: KSDrift fitted on the reference (feature-wise two-sample Kolmogorov-Smirnov tests,
p_val 0.05); a feature counts as drifted when alibi-detect's feature-level verdict says so, which compares
each feature's p-value with 0.05 uncorrected (alibi-detect applies its default Bonferroni correction only
to the batch-level verdict, drift_type="batch"). alibi-detect returns arrays and dicts: it has no report."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drift_data import FEATURES, main  # noqa: E402

t0 = time.perf_counter()
import alibi_detect  # noqa: E402
from alibi_detect.cd import KSDrift  # noqa: E402

IMPORT_S = time.perf_counter() - t0


def detect(ref, cur):
    cd = KSDrift(ref[FEATURES].to_numpy(), p_val=0.05)
    pred = cd.predict(cur[FEATURES].to_numpy(), drift_type="feature")
    flags = pred["data"]["is_drift"]
    return {c: bool(flags[i]) for i, c in enumerate(FEATURES)}


if __name__ == "__main__":
    main("alibi-detect", alibi_detect.__version__, IMPORT_S, detect, None)
