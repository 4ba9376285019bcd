"""Evidently adapter: DataDriftPreset with its default per-column tests (for numeric columns with more than
1 000 rows: normed Wasserstein distance, threshold 0.1); a feature counts as drifted when Evidently's own
verdict for the column says so (distance >= threshold, or p-value < threshold for statistical tests)."""
import time

from drift_data import FEATURES, main

t0 = time.perf_counter()
import evidently  # noqa: E402
from evidently import Report  # noqa: E402
from evidently.presets import DataDriftPreset  # noqa: E402

IMPORT_S = time.perf_counter() - t0


def run(ref, cur):
    return Report([DataDriftPreset()]).run(current_data=cur, reference_data=ref)


def detect(ref, cur):
    verdict = {}
    for m in run(ref, cur).dict()["metrics"]:
        cfg = m.get("config", {})
        if cfg.get("type", "").endswith("ValueDrift") and cfg.get("column") in FEATURES:
            method, thr, val = str(cfg.get("method", "")), cfg.get("threshold"), m["value"]
            is_pvalue = method.endswith("test") or "p_value" in method
            verdict[cfg["column"]] = bool(val < thr) if is_pvalue else bool(val >= thr)
    return verdict


def report(ref, cur, path):
    run(ref, cur).save_html(path)


if __name__ == "__main__":
    main("evidently", evidently.__version__, IMPORT_S, detect, report)
