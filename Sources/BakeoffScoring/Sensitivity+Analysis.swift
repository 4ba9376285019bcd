import BakeoffModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Flip points, Monte Carlo win probabilities and the TOPSIS cross-check of one stage.
public enum SensitivityAnalysis {
    /// Dirichlet concentration: weights are drawn from Dirichlet(k·w) around the profile's weights w. With k = 50
    /// a weight of 0.30 has a standard deviation of √(0.3·0.7/51) ≈ 0.064: "give or take six points", the
    /// disagreement one expects between teammates setting the same profile. Zero weights stay zero.
    public static let concentration = 50.0

    /// `stream` (the stage id) is hashed into the seed so stages draw independent weight sequences; the
    /// reported seed is the one given.
    public static func analyse(
        _ m: DecisionMatrix, samples: Int, seed: UInt64, stream: String = "", resampled: [DecisionMatrix] = []
    ) -> Sensitivity {
        let flips = flipPoints(m)
        let critical = flips.filter { $0.flipsAt != nil }
            .min { abs($0.flipsAt! - $0.weight) < abs($1.flipsAt! - $1.weight) }?.criterion
        let wins = winProbabilities(m, samples: samples, seed: seed ^ fnv1a(stream), resampled: resampled)
        var probability: [String: Double] = [:]
        for (t, p) in zip(m.tools, wins) { probability[t] = p }
        let winner = m.ranking(m.weights).first.map { m.tools[$0] }
        let topsis = topsisRanking(m)
        let topsisWinner = topsis?.first.map { m.tools[$0] }
        var s = Sensitivity(
            flipPoints: flips, mostCritical: critical, winProbability: probability, samples: samples, seed: seed,
            topsisWinner: topsisWinner, methodsAgree: topsis == nil || topsisWinner == winner)
        s.topsisRanking = topsis?.map { m.tools[$0] } ?? []
        s.topsisCriteria = topsisColumns(m).map { m.criteria[$0] }
        s.concentration = concentration
        s.measurementDraws = resampled.count
        return s
    }

    /// FNV-1a of the UTF-8 bytes: a stable hash (Swift's `hashValue` changes per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    // MARK: flip points

    /// For each criterion, the normalized weight nearest its current one at which the winner changes, the other
    /// weights rescaled proportionally. Along that line every tool's total is a ratio of two linear functions of
    /// the weight (the denominator is the weight of the criteria it has evidence for), so "tool t overtakes the
    /// winner W" is the sign change of a quadratic: its roots in [0, 1] are the only places the winner can
    /// change, and each is confirmed by ranking just past it.
    public static func flipPoints(_ m: DecisionMatrix) -> [FlipPoint] {
        let order = m.ranking(m.weights)
        guard let winner = order.first else {
            return m.criteria.indices.map { FlipPoint(criterion: m.criteria[$0], weight: m.weights[$0], flipsAt: nil, newWinner: nil) }
        }
        let n = m.criteria.count
        return (0..<n).map { c in
            let current = m.weights[c]
            var result = FlipPoint(criterion: m.criteria[c], weight: current, flipsAt: nil, newWinner: nil)
            guard order.count > 1 else { return result }
            let line = m.weightLine(c)
            func linear(_ t: Int) -> (n0: Double, n1: Double, d0: Double, d1: Double) {
                var n0 = 0.0, n1 = 0.0, d0 = 0.0, d1 = 0.0
                for j in 0..<n where m.known[t * n + j] > 0 {
                    let s = m.scores[t * n + j]
                    n0 += s * line.a[j]
                    n1 += s * line.b[j]
                    d0 += line.a[j]
                    d1 += line.b[j]
                }
                return (n0, n1, d0, d1)
            }
            let w = linear(winner)
            var roots: [Double] = []
            for t in order where t != winner {
                let o = linear(t)
                // f(x) = num_t·den_W − num_W·den_t = q0 + q1·x + q2·x²
                let q0 = o.n0 * w.d0 - w.n0 * o.d0
                let q1 = o.n0 * w.d1 + o.n1 * w.d0 - w.n0 * o.d1 - w.n1 * o.d0
                let q2 = o.n1 * w.d1 - w.n1 * o.d1
                roots += solveQuadratic(q0, q1, q2).filter { $0 >= -1e-12 && $0 <= 1 + 1e-12 }.map { min(1, max(0, $0)) }
            }
            // At the ends a tool whose only evidence is on the other criteria loses its total (no weight left on
            // what it has), which can change the winner without any crossing: check the ends themselves too.
            roots += [0, 1]
            roots.sort { abs($0 - current) < abs($1 - current) || (abs($0 - current) == abs($1 - current) && $0 < $1) }
            let step = 1e-7
            for r in roots {
                let sides: [Double] =
                    r == 0 || r == 1 ? [r] : r == current ? [r + step, r - step] : [r + (r > current ? step : -step)]
                for x in sides where x >= 0 && x <= 1 {
                    let w = m.weights(onLine: line, at: x)
                    let totals = m.totals(w)
                    let ranked = DecisionMatrix.order(totals)
                    guard let first = ranked.first, first != winner else { continue }
                    // At an end, a tie won on the tool id is not a flip: every tool may score the same there
                    // (e.g. all 10 on cost), and "X wins at 100 %" would then only name the first id.
                    if r == 0 || r == 1, let old = totals[winner], totals[first]! - old <= DecisionMatrix.tieTolerance { continue }
                    result.flipsAt = r
                    result.newWinner = m.tools[first]
                    return result
                }
            }
            return result
        }
    }

    /// Real roots of q0 + q1·x + q2·x², stably (no cancellation); a vanishing q2 degrades to the linear case.
    static func solveQuadratic(_ q0: Double, _ q1: Double, _ q2: Double) -> [Double] {
        let scale = max(abs(q0), abs(q1), abs(q2))
        guard scale > 0 else { return [] }
        if abs(q2) <= 1e-12 * scale {
            return abs(q1) <= 1e-12 * scale ? [] : [-q0 / q1]
        }
        let disc = q1 * q1 - 4 * q2 * q0
        if disc < 0 { return [] }
        let sq = disc.squareRoot()
        let q = -0.5 * (q1 + (q1 >= 0 ? sq : -sq))
        var roots = [q / q2]
        if q != 0 { roots.append(q0 / q) }
        return roots
    }

    // MARK: Monte Carlo

    /// Each tool's share of first places when the weights are drawn from Dirichlet(k·w) (k = `concentration`).
    /// A Dirichlet draw is a vector of independent Gamma(k·wᵢ) deviates divided by their sum; the totals are
    /// ratios (the sum cancels), so the draws are used without normalizing. Deterministic for a seed.
    ///
    /// `resampled` are the same matrix re-scored from other draws of the measured repetitions (a bootstrap over
    /// repetitions): sample s reads draw s mod (1 + count), so the probabilities carry the measurement noise as
    /// well as the weights'. Every draw must have the same tools, criteria and known cells.
    public static func winProbabilities(
        _ m: DecisionMatrix, samples: Int, seed: UInt64, resampled: [DecisionMatrix] = []
    ) -> [Double] {
        let t = m.tools.count, c = m.criteria.count
        let draws = [m] + resampled.filter { $0.tools == m.tools && $0.criteria == m.criteria && $0.known == m.known }
        guard samples > 0, t > 0 else { return [Double](repeating: 0, count: t) }
        let active = (0..<c).filter { m.weights[$0] > 0 }
        let k = active.count
        guard k > 0 else { return [Double](repeating: 0, count: t) }
        // Compact copies holding only the weighted criteria, so the inner loop reads contiguous memory.
        var ks = [Double](repeating: 0, count: draws.count * t * k)
        var kn = [Double](repeating: 0, count: t * k)
        for (d, draw) in draws.enumerated() {
            for i in 0..<t {
                for (jj, j) in active.enumerated() {
                    kn[i * k + jj] = draw.known[i * c + j]
                    ks[d * t * k + i * k + jj] = draw.known[i * c + j] * draw.scores[i * c + j]
                }
            }
        }
        let complete = !kn.contains(0)
        let shapes = active.map { GammaSampler.Shape(concentration * m.weights[$0]) }
        var sampler = GammaSampler(seed: seed)
        var wins = [Int](repeating: 0, count: t)
        var g = [Double](repeating: 0, count: k)
        ks.withUnsafeBufferPointer { ks in
            kn.withUnsafeBufferPointer { kn in
                g.withUnsafeMutableBufferPointer { g in
                    wins.withUnsafeMutableBufferPointer { wins in
                        shapes.withUnsafeBufferPointer { shapes in
                            sample(
                                samples: samples, draws: draws.count, tools: t, criteria: k, complete: complete, ks: ks, kn: kn, g: g,
                                wins: wins, shapes: shapes, sampler: &sampler)
                        }
                    }
                }
            }
        }
        return wins.map { Double($0) / Double(samples) }
    }

    /// The sampling loop, apart so the generator's state stays in registers: no allocation, no bounds checks.
    @inline(never)
    static func sample(
        samples: Int, draws: Int, tools t: Int, criteria k: Int, complete: Bool, ks: UnsafeBufferPointer<Double>,
        kn: UnsafeBufferPointer<Double>, g: UnsafeMutableBufferPointer<Double>, wins: UnsafeMutableBufferPointer<Int>,
        shapes: UnsafeBufferPointer<GammaSampler.Shape>, sampler: inout GammaSampler
    ) {
        var local = sampler
        defer { sampler = local }
        if complete {
            // Every tool known on every weighted criterion: the denominators are all Σg, so comparing numerators
            // is enough.
            for s in 0..<samples {
                for j in 0..<k { g[j] = local.next(shapes[j]) }
                let base = (s % draws) * t * k
                var best = 0
                var bestNum = -Double.infinity
                for i in 0..<t {
                    var num = 0.0
                    let row = base + i * k
                    for j in 0..<k { num += g[j] * ks[row + j] }
                    if num > bestNum {
                        best = i
                        bestNum = num
                    }
                }
                wins[best] += 1
            }
            return
        }
        for s in 0..<samples {
            for j in 0..<k { g[j] = local.next(shapes[j]) }
            let base = (s % draws) * t * k
            var best = -1
            var bestNum = 0.0, bestDen = 1.0
            for i in 0..<t {
                var num = 0.0, den = 0.0
                let row = i * k
                for j in 0..<k {
                    num += g[j] * ks[base + row + j]
                    den += g[j] * kn[row + j]
                }
                // num/den > bestNum/bestDen without dividing; dens are positive.
                if den > 0 && (best < 0 || num * bestDen > bestNum * den) {
                    best = i
                    bestNum = num
                    bestDen = den
                }
            }
            if best >= 0 { wins[best] += 1 }
        }
    }

    // MARK: TOPSIS

    /// TOPSIS on the criterion scores: vector normalization, the same weights, all criteria benefits; tools ordered
    /// by relative closeness to the ideal (ties by id). Criteria unknown for some tool, or weighted 0, are left
    /// out (TOPSIS needs a full matrix) and the remaining weights renormalized; nil when none is left.
    public static func topsisRanking(_ m: DecisionMatrix) -> [Int]? {
        guard let closeness = topsisCloseness(m) else { return nil }
        return DecisionMatrix.order(closeness.map { Optional($0) })
    }

    static func topsisColumns(_ m: DecisionMatrix) -> [Int] {
        let t = m.tools.count, c = m.criteria.count
        return (0..<c).filter { j in m.weights[j] > 0 && (0..<t).allSatisfy { m.known[$0 * c + j] > 0 } }
    }

    public static func topsisCloseness(_ m: DecisionMatrix) -> [Double]? {
        let t = m.tools.count, c = m.criteria.count
        guard t > 0 else { return nil }
        let columns = topsisColumns(m)
        guard !columns.isEmpty else { return nil }
        let wsum = columns.reduce(0) { $0 + m.weights[$1] }
        var v = [Double](repeating: 0, count: t * columns.count)
        for (jj, j) in columns.enumerated() {
            let norm = (0..<t).reduce(0) { $0 + m.scores[$1 * c + j] * m.scores[$1 * c + j] }.squareRoot()
            for i in 0..<t {
                v[i * columns.count + jj] = norm > 0 ? m.weights[j] / wsum * m.scores[i * c + j] / norm : 0
            }
        }
        let k = columns.count
        var ideal = [Double](repeating: -Double.infinity, count: k), anti = [Double](repeating: Double.infinity, count: k)
        for i in 0..<t {
            for j in 0..<k {
                ideal[j] = max(ideal[j], v[i * k + j])
                anti[j] = min(anti[j], v[i * k + j])
            }
        }
        return (0..<t).map { i in
            var dPlus = 0.0, dMinus = 0.0
            for j in 0..<k {
                dPlus += (v[i * k + j] - ideal[j]) * (v[i * k + j] - ideal[j])
                dMinus += (v[i * k + j] - anti[j]) * (v[i * k + j] - anti[j])
            }
            let sum = dPlus.squareRoot() + dMinus.squareRoot()
            // Every tool identical on every column: all equally close.
            return sum > 0 ? dMinus.squareRoot() / sum : 0.5
        }
    }
}
