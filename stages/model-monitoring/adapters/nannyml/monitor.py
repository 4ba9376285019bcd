"""NannyML adapter: UnivariateDriftCalculator (Kolmogorov-Smirnov and Jensen-Shannon) fitted on the reference,
20 chunks per period. NannyML alerts per chunk (thresholds from the spread of the metric over reference chunks),
so single chunks of undrifted columns alert now and then; the decision rule used here is: a feature drifted when
more than half of the current period's chunks alert for either method."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drift_data import FEATURES, main  # noqa: E402

t0 = time.perf_counter()
import nannyml as nml  # noqa: E402

IMPORT_S = time.perf_counter() - t0
METHODS = ["kolmogorov_smirnov", "jensen_shannon"]


def calculate(ref, cur):
    calc = nml.UnivariateDriftCalculator(column_names=FEATURES, continuous_methods=METHODS, chunk_number=20)
    calc.fit(ref)
    return calc.calculate(cur)


def detect(ref, cur):
    df = calculate(ref, cur).filter(period="analysis").to_df()
    return {c: bool(any(df[(c, m, "alert")].mean() > 0.5 for m in METHODS)) for c in FEATURES}


def report(ref, cur, path):
    fig = calculate(ref, cur).filter(period="all", methods=["kolmogorov_smirnov"]).plot(kind="drift")
    fig.write_html(path, include_plotlyjs=True)


if __name__ == "__main__":
    main("nannyml", nml.__version__, IMPORT_S, detect, report)
