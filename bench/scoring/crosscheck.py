"""Recompute bakeoff's rankings with an independent implementation (pymcdm, numpy) and compare.

Input: the JSON that `bakeoff-bench crosscheck N` (or CrossCheck.export in the Swift tests) writes:
random decision matrices of raw indicator values, one min-max indicator per criterion with a direction, relative
weights, and what Swift computed (totals, ranking, TOPSIS closeness and ranking, and for a few 6 x 5 cases the
Monte Carlo win probabilities).

Checks, per case:
  weighted sum  pymcdm WSM with min-max normalization (cost columns reversed) on the raw matrix; bakeoff's totals
                are 10 x those preferences. Same order of tools, totals within 1e-5 (the JSON keeps 6 decimals).
  TOPSIS        pymcdm TOPSIS with vector normalization on the 0-10 criterion scores (all benefit), as bakeoff does.
  Monte Carlo   numpy Dirichlet(k w) weights, argmax of the weighted sums; win probabilities within 0.01.
Exit status 0 only when everything agrees.
"""

import json
import sys
import warnings

import numpy as np
from pymcdm import methods, normalizations


def order(values):
    """Indices from best to worst; ties (within 1e-9) by index, like bakeoff."""
    idx = list(range(len(values)))
    key = [round(v / 1e-9) for v in values]
    return sorted(idx, key=lambda i: (-key[i], i))


def main(path):
    # pymcdm warns about dominated alternatives; random matrices have them on purpose.
    warnings.filterwarnings("ignore", category=UserWarning)
    data = json.load(open(path))
    cases = data["cases"]
    wsm_ok = topsis_ok = total_ok = 0
    deterministic = 0
    mc = []
    failures = []
    wsm = methods.WSM(normalization_function=normalizations.minmax_normalization)
    topsis = methods.TOPSIS(normalization_function=normalizations.vector_normalization)
    for n, case in enumerate(cases):
        tools = case["tools"]
        x = np.array(case["matrix"], dtype=float)
        types = np.array(case["types"], dtype=int)
        w = np.array(case["weights"], dtype=float)
        w = w / w.sum()
        pref = wsm(x, w, types)
        totals = np.array(case["totals"], dtype=float)
        ours = [tools[i] for i in order(list(pref))]
        if np.max(np.abs(10 * pref - totals)) < 1e-5:
            total_ok += 1
        else:
            failures.append(f"case {n}: totals {list(totals)} vs pymcdm {list(10 * pref)}")
        if ours == case["ranking"]:
            wsm_ok += 1
        else:
            failures.append(f"case {n}: weighted-sum ranking {case['ranking']} vs pymcdm {ours}")

        scores = 10 * np.column_stack([
            normalizations.minmax_normalization(x[:, j], cost=types[j] < 0) for j in range(x.shape[1])
        ])
        closeness = topsis(scores, w, np.ones(x.shape[1], dtype=int))
        t_order = [tools[i] for i in order(list(closeness))]
        if t_order == case["topsis_ranking"] and np.max(np.abs(closeness - np.array(case["topsis_closeness"]))) < 1e-5:
            topsis_ok += 1
        else:
            failures.append(f"case {n}: TOPSIS {case['topsis_ranking']} vs pymcdm {t_order}")

        if "win_probability" in case:
            samples = int(case["samples"])
            k = float(case["concentration"])
            rng = np.random.default_rng(n)
            weights = rng.dirichlet(k * w, size=samples)
            winners = np.argmax(weights @ scores.T, axis=1)
            p = np.bincount(winners, minlength=len(tools)) / samples
            diff = float(np.max(np.abs(p - np.array(case["win_probability"]))))
            mc.append(diff)
            if diff > 0.01:
                failures.append(f"case {n}: win probability {case['win_probability']} vs numpy {list(p)}")

    count = len(cases)
    print(f"cases: {count} (seed {data['seed']})")
    print(f"weighted sum: {wsm_ok}/{count} same ranking as pymcdm WSM; totals within 1e-5: {total_ok}/{count}")
    print(f"TOPSIS: {topsis_ok}/{count} same ranking and closeness as pymcdm TOPSIS")
    if mc:
        print(f"Monte Carlo: {len(mc)} cases, largest win-probability difference with numpy {max(mc):.4f} (limit 0.01)")
    for f in failures[:20]:
        print("MISMATCH", f)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
