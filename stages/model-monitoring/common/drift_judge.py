"""How a monitor's per-feature verdicts are judged against the injected truth (pure Python, so it is tested
without the tools: Tests/BakeoffRunnerTests/MonitoringJudgeTests.swift). drift_data.py says what the data is;
this module pools the verdicts of every seed into shares with 95 % Wilson score intervals."""
import math

FEATURES = [f"n{i}" for i in range(6)] + [f"c{i}" for i in range(3)]
# feature -> the kind of drift injected into it
INJECTED = {"n0": "mean_shift", "n1": "variance", "c0": "category_frequency", "n2": "missing_values"}
DRIFTED = sorted(INJECTED)
Z95 = 1.959964


def wilson(successes, trials):
    """(share, low, high): the share and its 95 % Wilson score interval; (0, 0, 1) with no trials."""
    if trials == 0:
        return 0.0, 0.0, 1.0
    p = successes / trials
    denominator = 1 + Z95 ** 2 / trials
    centre = (p + Z95 ** 2 / (2 * trials)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / trials + Z95 ** 2 / (4 * trials ** 2)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)


def judge(verdicts):
    """Pools per-seed verdicts [(flagged on the drifted batch, flagged on the control)] into the metrics."""
    seeds = len(verdicts)
    tp = sum(len(set(d) & set(DRIFTED)) for d, _ in verdicts)
    flagged = sum(len(set(d)) for d, _ in verdicts)
    alarms = sum(len(set(c)) for _, c in verdicts)
    out = {"seeds": seeds, "true_pos": tp, "false_pos": flagged - tp, "control_flags": alarms}
    for name, (k, n) in {"recall": (tp, len(DRIFTED) * seeds), "precision": (tp, flagged),
                         "false_alarm_rate": (alarms, len(FEATURES) * seeds)}.items():
        share, lo, hi = wilson(k, n)
        out.update({name: round(share, 4), f"{name}_lo": round(lo, 4), f"{name}_hi": round(hi, 4)})
    for feature, kind in INJECTED.items():
        out[f"recall_{kind}"] = round(sum(feature in d for d, _ in verdicts) / seeds, 4)
    return out
