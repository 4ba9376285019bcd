"""NannyML adapter: UnivariateDriftCalculator fitted on the reference (numeric columns: Kolmogorov-Smirnov and
Jensen-Shannon; categorical: chi-squared and Jensen-Shannon), in chunks of max(100, batch rows / 20) rows: 20
chunks of a 10 000-row batch, one chunk of a 100-row batch. NannyML alerts per chunk (thresholds from the
spread of the metric over reference chunks of the same size), so single chunks of undrifted columns alert now
and then; the decision rule used here is: a feature drifted when more than half of the current batch's
chunks alert for either of its methods."""
import time

from drift_data import CATEGORICAL, FEATURES, NUMERIC, main

t0 = time.perf_counter()
import nannyml as nml  # noqa: E402

IMPORT_S = time.perf_counter() - t0
CONTINUOUS = ["kolmogorov_smirnov", "jensen_shannon"]
CATEGORY = ["chi2", "jensen_shannon"]


def calculate(ref, cur):
    calc = nml.UnivariateDriftCalculator(column_names=FEATURES, treat_as_categorical=CATEGORICAL,
                                         continuous_methods=CONTINUOUS, categorical_methods=CATEGORY,
                                         chunk_size=max(100, len(cur) // 20))
    calc.fit(ref)
    return calc.calculate(cur)


def detect(ref, cur):
    df = calculate(ref, cur).filter(period="analysis").to_df()
    methods = {**{c: CONTINUOUS for c in NUMERIC}, **{c: CATEGORY for c in CATEGORICAL}}
    return {c: bool(any(df[(c, m, "alert")].mean() > 0.5 for m in methods[c])) for c in FEATURES}


def report(ref, cur, path):
    fig = calculate(ref, cur).filter(period="all", methods=["kolmogorov_smirnov", "chi2"]).plot(kind="drift")
    fig.write_html(path, include_plotlyjs=True)


if __name__ == "__main__":
    main("nannyml", nml.__version__, IMPORT_S, detect, report)
