import BakeoffModel
import BakeoffScoring

/// Times the Monte Carlo on a 6 tools × 5 criteria matrix, in-process, for bench/scoring/bench_numpy.py to
/// compare with numpy on the same matrix (it reads the matrix from this JSON).
public enum MonteCarloBenchmark {
    public static func run(runs: Int, samples: Int, seed: UInt64) -> String {
        var rng = Xoshiro256(seed: seed)
        let tools = 6, criteria = 5
        let scores = (0..<(tools * criteria)).map { _ in (rng.uniform() * 1000).rounded() / 100 }
        let raw = (0..<criteria).map { _ in 5 + (rng.uniform() * 25).rounded() }
        let sum = raw.reduce(0, +)
        let m = DecisionMatrix(
            tools: (0..<tools).map { "t\($0)" }, criteria: (0..<criteria).map { "c\($0)" }, weights: raw.map { $0 / sum },
            scores: scores, known: [Double](repeating: 1, count: scores.count))
        let clock = ContinuousClock()
        var times: [Double] = []
        var result: [Double] = []
        for i in 0...max(1, runs) {
            let start = clock.now
            result = SensitivityAnalysis.winProbabilities(m, samples: samples, seed: seed)
            let elapsed = clock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            if i > 0 { times.append(ms) }  // the first run warms caches
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        return JSONValue.object([
            "matrix": .array((0..<tools).map { i in .array((0..<criteria).map { .number(scores[i * criteria + $0]) }) }),
            "weights": .array(m.weights.map { .number($0) }),
            "samples": .number(Double(samples)),
            "concentration": .number(SensitivityAnalysis.concentration),
            "runs": .number(Double(times.count)),
            "median_ms": .number(median),
            "min_ms": .number(times.first ?? 0),
            "win_probability": .array(result.map { .number($0) }),
        ]).rendered()
    }
}
