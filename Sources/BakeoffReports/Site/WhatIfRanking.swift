import BakeoffScoring

/// The what-if page's ranking rules, in Swift: what `WhatIfScript.ranking` does in the browser, built from the
/// scorer's own `DecisionMatrix` and `SensitivityAnalysis.flipPoints`. Tests run both on the same weights and
/// compare them with `Scorer.score`; a change to the scoring rules changes this function, the script and the
/// data's version together.
///
/// Per stage: the weights are normalized (summed in criterion order); a tool with a known score on a weighted
/// criterion is ranked by Σ w·s over its known criteria ÷ Σ w over them (unknowns left out, the rest
/// renormalized); totals within 1e-9 tie and the earlier tool id wins; with `eligible`, tools that cannot win
/// come after those that can; with `lower`/`upper`, the verdict is provisional when either bound ranks another
/// tool first. Flip points are the scorer's, on the tools that can win.
public enum WhatIfRanking {
    /// One stage ranked under one weighting.
    public struct Result: Hashable, Sendable {
        /// Ranked tool ids, first to last.
        public var order: [String]
        /// Tool id → weighted total (0–10), for the ranked tools.
        public var totals: [String: Double]
        public var winner: String? { order.first }
        /// The winners with the scores at their worst and best; nil when the data has no bounds.
        public var worstWinner: String?
        public var bestWinner: String?
        /// True when a bound ranks another tool first.
        public var provisional: Bool
        /// Tools with scores but no known weighted criterion under these weights (unranked).
        public var unranked: [String]
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
        let (order, totals, unranked) = ranking(stage.scores, stage: stage, criteria: criteria, w: w)
        let worst = stage.lower.map { ranking($0, stage: stage, criteria: criteria, w: w).order.first }
        let best = stage.upper.map { ranking($0, stage: stage, criteria: criteria, w: w).order.first }
        var provisional = false
        if let worst, worst != order.first { provisional = true }
        if let best, best != order.first { provisional = true }
        // Flip points among the tools that can win (a tool that cannot win cannot take the lead).
        let contenders = order.compactMap { id in stage.tools.firstIndex { $0.id == id } }
            .filter { stage.eligible?[$0] ?? true }.sorted()
        let matrix = DecisionMatrix(
            tools: contenders.map { stage.tools[$0].id }, criteria: criteria, weights: w,
            scores: contenders.flatMap { t in stage.scores[t].map { $0 ?? 0 } },
            known: contenders.flatMap { t in stage.scores[t].map { $0 == nil ? 0 : 1 } })
        let flips = SensitivityAnalysis.flipPoints(matrix)
        let critical = flips.filter { $0.flipsAt != nil }.min { abs($0.flipsAt! - $0.weight) < abs($1.flipsAt! - $1.weight) }?.criterion
        return Result(
            order: order, totals: totals, worstWinner: worst ?? nil, bestWinner: best ?? nil, provisional: provisional,
            unranked: unranked, flips: flips, mostCritical: critical)
    }

    /// The order of the tools with a known weighted criterion in `scores`, their totals, and the others.
    static func ranking(_ scores: [[Double?]], stage: WhatIfData.Stage, criteria: [String], w: [Double])
        -> (order: [String], totals: [String: Double], unranked: [String])
    {
        let ranked = scores.indices.filter { t in zip(scores[t], w).contains { $0 != nil && $1 > 0 } }
        let matrix = DecisionMatrix(
            tools: ranked.map { stage.tools[$0].id }, criteria: criteria, weights: w,
            scores: ranked.flatMap { t in scores[t].map { $0 ?? 0 } },
            known: ranked.flatMap { t in scores[t].map { $0 == nil ? 0 : 1 } })
        let sums = matrix.totals(w)
        var order = matrix.ranking(w)
        if let eligible = stage.eligible {
            order = order.filter { eligible[ranked[$0]] } + order.filter { !eligible[ranked[$0]] }
        }
        var totals: [String: Double] = [:]
        for m in order { totals[matrix.tools[m]] = sums[m] }
        let unranked = stage.tools.indices.filter { i in !order.contains { ranked[$0] == i } }.map { stage.tools[$0].id }
        return (order.map { matrix.tools[$0] }, totals, unranked)
    }
}
