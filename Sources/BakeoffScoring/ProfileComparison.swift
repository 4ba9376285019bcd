import BakeoffModel

/// What changes between two scoreboards of the same project (two profiles, or a profile and a what-if), and why.
public struct ProfileComparison: Hashable, Sendable {
    /// One criterion's normalized weight in both boards.
    public struct WeightChange: Hashable, Sendable {
        public var criterion: String
        public var from: Double
        public var to: Double
        public var delta: Double { to - from }
    }

    /// One tool's rank in both boards (nil: unranked there).
    public struct RankChange: Hashable, Sendable {
        public var tool: String
        public var from: Int?
        public var to: Int?
    }

    /// Why a stage's winner changed (the formatters put it in words).
    public enum Reason: Hashable, Sendable {
        /// No candidate can be ranked under the new weights.
        case noneRanked
        /// No candidate was ranked before.
        case noneRankedBefore
        /// The old winner is eliminated under the new profile's gates, and why.
        case eliminated(tool: String, why: String)
        /// The new winner ranks first, and one of the two is not in the new board.
        case nowFirst(tool: String)
        /// The new winner ranks first, but no weight change favours it: renormalizing over unknown criteria
        /// moved the totals.
        case renormalized(tool: String)
        /// The weight change that moved the most points from the old winner to the new one: the criterion's
        /// weight in both boards, the tool that leads on it, the one it leads, and by how many points (0–10).
        case weight(criterion: String, from: Double, to: Double, leader: String, trailer: String, gap: Double)
    }

    /// One stage's winners and ranks in both boards, with the reason the winner changed.
    public struct StageChange: Hashable, Sendable {
        public var stage: String
        public var winnerFrom: String?
        public var winnerTo: String?
        public var ranks: [RankChange]
        /// Why the winner changed; nil when it did not.
        public var why: Reason?
        public var winnerChanged: Bool { winnerFrom != winnerTo }
        public var ranksChanged: Bool { ranks.contains { $0.from != $0.to } }
    }

    public var from: String
    public var to: String
    /// Every criterion, the largest absolute change first (ties by criterion order).
    public var weights: [WeightChange]
    public var stages: [StageChange]

    /// Compares `a` (the current profile) with `b` (the other one).
    public init(_ a: Scoreboard, _ b: Scoreboard) {
        from = a.profile
        to = b.profile
        let order = a.criteria.isEmpty ? a.weights.keys.sorted() : a.criteria
        weights = order.enumerated().map { ($0, WeightChange(criterion: $1, from: a.weights[$1] ?? 0, to: b.weights[$1] ?? 0)) }
            .sorted { abs($0.1.delta) > abs($1.1.delta) + 1e-12 || (abs(abs($0.1.delta) - abs($1.1.delta)) <= 1e-12 && $0.0 < $1.0) }
            .map(\.1)
        let changes = weights
        stages = a.stages.compactMap { cardA in
            guard let cardB = b.stages.first(where: { $0.stage == cardA.stage }) else { return nil }
            let tools = cardA.tools.map(\.tool).sorted()
            let ranks = tools.map { t in
                RankChange(tool: t, from: cardA.tools.first { $0.tool == t }?.rank, to: cardB.tools.first { $0.tool == t }?.rank)
            }
            var change = StageChange(stage: cardA.stage, winnerFrom: cardA.winner, winnerTo: cardB.winner, ranks: ranks, why: nil)
            if change.winnerChanged { change.why = Self.explain(cardA, cardB, changes) }
            return change
        }
    }

    /// The criterion whose weight change moved the most points from the old winner to the new one:
    /// Δweight × (new winner's score − old winner's score), on criteria both have evidence for.
    static func explain(_ a: StageScorecard, _ b: StageScorecard, _ changes: [WeightChange]) -> Reason {
        guard let old = a.winner, let new = b.winner else { return b.winner == nil ? .noneRanked : .noneRankedBefore }
        if let gone = b.tools.first(where: { $0.tool == old }), let why = gone.eliminated {
            return .eliminated(tool: old, why: why)
        }
        guard let oldTool = b.tools.first(where: { $0.tool == old }), let newTool = b.tools.first(where: { $0.tool == new }) else {
            return .nowFirst(tool: new)
        }
        var best: (String, Double, Double)?
        for change in changes {
            guard let sNew = newTool.criteria.first(where: { $0.criterion == change.criterion })?.score,
                let sOld = oldTool.criteria.first(where: { $0.criterion == change.criterion })?.score
            else { continue }
            let swing = change.delta * (sNew - sOld)
            if swing > (best?.1 ?? 1e-12) { best = (change.criterion, swing, sNew - sOld) }
        }
        guard let (criterion, _, gap) = best, let c = changes.first(where: { $0.criterion == criterion }) else {
            return .renormalized(tool: new)
        }
        return .weight(
            criterion: criterion, from: c.from, to: c.to, leader: gap > 0 ? new : old, trailer: gap > 0 ? old : new, gap: abs(gap))
    }
}
