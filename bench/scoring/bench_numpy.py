"""Vectorised numpy Monte Carlo on the matrix `bakeoff-bench montecarlo N` printed, timed with timeit.

Same computation as bakeoff's: Dirichlet(k w) weights (numpy Generator.dirichlet), weighted sums of the 0-10
criterion scores, argmax, counts. Prints numpy's median, bakeoff's median from the JSON, the ratio, and the
largest difference between the two sets of win probabilities.

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in that command alone (see README.md).
"""

import json
import statistics
import sys
import timeit

import numpy as np


def main(path, repeat=30):
    data = json.load(open(path))
    scores = np.array(data["matrix"], dtype=float)
    w = np.array(data["weights"], dtype=float)
    k = float(data["concentration"])
    samples = int(data["samples"])
    rng = np.random.default_rng(20261129)

    def monte_carlo():
        weights = rng.dirichlet(k * w, size=samples)
        winners = np.argmax(weights @ scores.T, axis=1)
        return np.bincount(winners, minlength=scores.shape[0]) / samples

    monte_carlo()  # warm-up, like the Swift side
    times = timeit.repeat(monte_carlo, number=1, repeat=repeat)
    numpy_ms = statistics.median(times) * 1000
    swift_ms = float(data["median_ms"])
    p = monte_carlo()
    diff = float(np.max(np.abs(p - np.array(data["win_probability"]))))
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}" for i in threadpool_info())
    except ImportError:
        blas = "threadpoolctl not installed"
    print(f"matrix: {scores.shape[0]} tools x {scores.shape[1]} criteria, {samples} samples, k = {k:g}")
    print(f"numpy {np.__version__} ({blas}): median {numpy_ms:.2f} ms over {repeat} runs (min {min(times) * 1000:.2f} ms)")
    print(f"bakeoff (Swift): median {swift_ms:.2f} ms over {int(data['runs'])} runs (min {float(data['min_ms']):.2f} ms)")
    print(f"numpy / bakeoff: {numpy_ms / swift_ms:.2f}x")
    print(f"win probabilities: bakeoff {data['win_probability']}, numpy {[round(float(v), 5) for v in p]}")
    print(f"largest win-probability difference: {diff:.4f}")
    return 0 if diff < 0.01 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
