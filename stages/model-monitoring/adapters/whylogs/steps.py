"""whylogs adapter: profile reference and current with why.log, then whylogs' own per-column drift scores
(calculate_drift_scores: a KS test on the profiles' distribution sketches for numeric columns). A feature counts
as drifted when whylogs' category is DRIFT (POSSIBLE_DRIFT is reported apart, not counted)."""
import os
import time

from drift_data import FEATURES, main

t0 = time.perf_counter()
import whylogs as why  # noqa: E402
from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores  # noqa: E402

IMPORT_S = time.perf_counter() - t0


def views(ref, cur):
    return why.log(pandas=ref).view(), why.log(pandas=cur).view()


def detect(ref, cur):
    ref_view, cur_view = views(ref, cur)
    scores = calculate_drift_scores(target_view=cur_view, reference_view=ref_view, with_thresholds=True)
    return {c: s.get("drift_category") == "DRIFT" for c, s in scores.items() if s and c in FEATURES}


def report(ref, cur, path):
    from whylogs.viz import NotebookProfileVisualizer
    ref_view, cur_view = views(ref, cur)
    viz = NotebookProfileVisualizer()
    viz.set_profiles(target_profile_view=cur_view, reference_profile_view=ref_view)
    html = viz.summary_drift_report()
    folder, name = os.path.split(path)
    viz.write(rendered_html=html, html_file_name=os.path.join(folder, name[: -len(".html")]))


if __name__ == "__main__":
    main("whylogs", why.__version__, IMPORT_S, detect, report)
