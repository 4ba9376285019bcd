import BakeoffScoring

/// The what-if page's ranking rules, in Swift: what `WhatIfScript.ranking` does in the browser, built from the
/// scorer's own `DecisionMatrix` and `SensitivityAnalysis.flipPoints`. Tests run both on the same weights and
/// compare them with `Scorer.score`; a change to the scoring rules changes this function, the script and the
/// data's version together.
///
/// Per stage: the weights are normalized (summed in criterion order); the candidates are the stage's, or its
/// `unmeasured` ones when no measured criterion carries weight; a tool with a score on a weighted criterion is
/// ranked by Σ w·s over its scored criteria ÷ Σ w over them; totals within 1e-9 tie and the earlier tool id
/// wins; with `eligible`, tools that cannot win come after those that can. With `upper`, the verdict is
/// provisional when another ranked tool's total with its unknowns at the best known score beats the winner's
/// by more than 1e-9 (the challenger: the highest such total, the earlier rank on a tie); tools within 0.005 of
/// the winner's total are tied with it. Flip points are the scorer's, on the tools that can win.
public enum WhatIfRanking {
    /// One stage ranked under one weighting.
    public struct Result: Hashable, Sendable {
        /// Ranked tool ids, first to last.
        public var order: [String]
        /// Tool id → weighted total (0–10), for the ranked tools.
        public var totals: [String: Double]
        public var winner: String? { order.first }
        /// The tool that would overtake the winner with its unknowns at their best; nil when none would.
        public var challenger: String?
        public var provisional: Bool { challenger != nil }
        /// Ranked tools whose total is within 0.005 of the winner's (equal to two decimals).
        public var tiedWithWinner: [String]
        /// Tools in the running but without a score on a weighted criterion under these weights (unranked).
        public var unranked: [String]
        /// Candidates out of the running under these weights, with why.
        public var excluded: [WhatIfData.Excluded]
        /// For each criterion, where the winner changes when its weight alone moves (the others rescaled).
        public var flips: [FlipPoint]
        /// The criterion whose flip point is nearest its current weight.
        public var mostCritical: String?
    }

    /// Relative weights → shares summing to 1, added up in criterion order (the script does the same).
    public static func normalized(_ relative: [Double]) -> [Double] {
        var sum = 0.0
        for w in relative { sum += w }
        return relative.map { $0 / sum }
    }

    /// Ranks one stage under relative weights in criterion order (finite, ≥ 0, not all 0).
    public static func rank(_ stage: WhatIfData.Stage, criteria: [String], weights relative: [Double]) -> Result {
        let w = normalized(relative)
        let c = stage.candidates(for: w)
        let (order, totals) = ranking(c.scores, c, criteria: criteria, w: w)
        var challenger: String?, tied: [String] = []
        if let winner = order.first, let top = totals[winner] {
            if let upper = c.upper {
                let best = ranking(upper, c, criteria: criteria, w: w).totals
                var bestTotal = 0.0
                for t in order.dropFirst() {
                    guard let total = best[t], total > top + DecisionMatrix.tieTolerance else { continue }
                    if challenger == nil || total > bestTotal { (challenger, bestTotal) = (t, total) }
                }
            }
            tied = order.dropFirst().filter { abs(top - totals[$0]!) < 0.005 }
        }
        // Flip points among the tools that can win (a tool that cannot win cannot take the lead).
        let contenders = order.compactMap { id in c.tools.firstIndex { $0.id == id } }.filter { c.eligible?[$0] ?? true }.sorted()
        let matrix = DecisionMatrix(
            tools: contenders.map { c.tools[$0].id }, criteria: criteria, weights: w,
            scores: contenders.flatMap { t in c.scores[t].map { $0 ?? 0 } },
            known: contenders.flatMap { t in c.scores[t].map { $0 == nil ? 0 : 1 } })
        let flips = SensitivityAnalysis.flipPoints(matrix)
        let critical = flips.filter { $0.flipsAt != nil }.min { abs($0.flipsAt! - $0.weight) < abs($1.flipsAt! - $1.weight) }?.criterion
        return Result(
            order: order, totals: totals, challenger: challenger, tiedWithWinner: tied,
            unranked: c.tools.map(\.id).filter { !order.contains($0) }, excluded: c.excluded, flips: flips, mostCritical: critical)
    }

    /// The order of the tools with a score on a weighted criterion in `scores`, and their totals.
    static func ranking(_ scores: [[Double?]], _ c: WhatIfData.Candidates, criteria: [String], w: [Double])
        -> (order: [String], totals: [String: Double])
    {
        let ranked = scores.indices.filter { t in zip(scores[t], w).contains { $0 != nil && $1 > 0 } }
        let matrix = DecisionMatrix(
            tools: ranked.map { c.tools[$0].id }, criteria: criteria, weights: w,
            scores: ranked.flatMap { t in scores[t].map { $0 ?? 0 } },
            known: ranked.flatMap { t in scores[t].map { $0 == nil ? 0 : 1 } })
        let sums = matrix.totals(w)
        var order = matrix.ranking(w)
        if let eligible = c.eligible {
            order = order.filter { eligible[ranked[$0]] } + order.filter { !eligible[ranked[$0]] }
        }
        var totals: [String: Double] = [:]
        for m in order { totals[matrix.tools[m]] = sums[m] }
        return (order.map { matrix.tools[$0] }, totals)
    }
}
