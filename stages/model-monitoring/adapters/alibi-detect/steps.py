"""alibi-detect adapter: TabularDrift fitted on the reference (feature-wise two-sample Kolmogorov-Smirnov tests
for numeric columns, chi-squared for the categorical ones, given to it as integer codes; p_val 0.05); a
feature counts as drifted when alibi-detect's feature-level verdict says so, which compares each feature's
p-value with 0.05 uncorrected (alibi-detect applies its default Bonferroni correction only to the batch-level
verdict, drift_type="batch"). Missing values are passed as NaN, as the data has them. alibi-detect returns
arrays and dicts: it has no report."""
import time

from drift_data import CATEGORICAL, CATEGORIES, FEATURES, main

t0 = time.perf_counter()
import alibi_detect  # noqa: E402
from alibi_detect.cd import TabularDrift  # noqa: E402

IMPORT_S = time.perf_counter() - t0
CODES = {c: i for i, c in enumerate(CATEGORIES)}


def as_array(table):
    coded = table[FEATURES].copy()
    for c in CATEGORICAL:
        coded[c] = coded[c].map(CODES)
    return coded.to_numpy(dtype="float32")


def detect(ref, cur):
    categorical = {FEATURES.index(c): None for c in CATEGORICAL}     # None: categories taken from the reference
    cd = TabularDrift(as_array(ref), p_val=0.05, categories_per_feature=categorical)
    pred = cd.predict(as_array(cur), drift_type="feature")
    flags = pred["data"]["is_drift"]
    return {c: bool(flags[i]) for i, c in enumerate(FEATURES)}


if __name__ == "__main__":
    main("alibi-detect", alibi_detect.__version__, IMPORT_S, detect, None)
