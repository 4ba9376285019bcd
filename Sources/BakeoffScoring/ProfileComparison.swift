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

    /// One stage's winners and ranks in both boards, with the reason the winner changed.
    public struct StageChange: Hashable, Sendable {
        public var stage: String
        public var winnerFrom: String?
        public var winnerTo: String?
        public var ranks: [RankChange]
        /// Why the winner changed, in words; nil when it did not.
        public var why: String?
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
    static func explain(_ a: StageScorecard, _ b: StageScorecard, _ changes: [WeightChange]) -> String {
        guard let old = a.winner, let new = b.winner else {
            return b.winner == nil ? "no candidate can be ranked under \(b.stage)'s new weights" : "no candidate was ranked before"
        }
        if let gone = b.tools.first(where: { $0.tool == old }), let why = gone.eliminated {
            return "\(old) is eliminated: \(why)"
        }
        guard let oldTool = b.tools.first(where: { $0.tool == old }), let newTool = b.tools.first(where: { $0.tool == new }) else {
            return "\(new) now ranks first"
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
            return "\(new) now ranks first; renormalizing over unknown criteria moved the totals"
        }
        let direction = c.delta > 0 ? "rises" : "falls"
        let leader = gap > 0 ? new : old
        return "\(criterion) \(direction) from \(ScoreboardFormatter.percent(c.from)) to \(ScoreboardFormatter.percent(c.to)), "
            + "and \(leader) leads \(gap > 0 ? old : new) on it by \(Numbers.fixed(abs(gap), decimals: 1)) points"
    }

    /// Weight changes, then per stage the winner and the tools whose rank moved.
    public func text() -> String {
        var out = "Profile \(from) compared with \(to).\n"
        let moved = weights.filter { abs($0.delta) > 1e-12 }
        out += moved.isEmpty
            ? "Weights: identical.\n"
            : "Weights, largest change first: " + moved.map { w in
                let sign = w.delta > 0 ? "+" : "−"
                return "\(w.criterion) \(ScoreboardFormatter.percent(w.from)) → \(ScoreboardFormatter.percent(w.to)) (\(sign)\(ScoreboardFormatter.points(abs(w.delta))))"
            }.joined(separator: ", ") + ".\n"
        for s in stages {
            let winner = s.winnerChanged
                ? "winner \(s.winnerFrom ?? "none") → \(s.winnerTo ?? "none") because \(s.why ?? "the totals moved")"
                : s.winnerFrom.map { "winner \($0) unchanged" } ?? "no winner under either profile"
            let moves = s.ranks.filter { $0.from != $0.to }.map { "\($0.tool) \(rank($0.from)) → \(rank($0.to))" }
            out += "  \(s.stage): \(winner); " + (moves.isEmpty ? "ranks unchanged" : "ranks: " + moves.joined(separator: ", ")) + ".\n"
        }
        return out
    }

    private func rank(_ r: Int?) -> String { r.map(String.init) ?? "–" }

    public func json() -> String {
        JSONValue.object([
            "from": .string(from),
            "to": .string(to),
            "weights": .array(weights.map { .object(["criterion": .string($0.criterion), "from": .number($0.from), "to": .number($0.to), "delta": .number($0.delta)]) }),
            "stages": .array(stages.map { s in
                .object([
                    "id": .string(s.stage),
                    "winner_from": .optional(s.winnerFrom),
                    "winner_to": .optional(s.winnerTo),
                    "winner_changed": .bool(s.winnerChanged),
                    "why": .optional(s.why),
                    "ranks": .array(s.ranks.map { r in
                        .object(["tool": .string(r.tool), "from": r.from.map { .number(Double($0)) } ?? .null, "to": r.to.map { .number(Double($0)) } ?? .null])
                    }),
                ])
            }),
        ]).rendered()
    }

    public func csv() -> String {
        var out = "stage,tool,rank_\(from),rank_\(to),winner_changed\n"
        for s in stages {
            for r in s.ranks {
                out += [s.stage, r.tool, r.from.map(String.init) ?? "", r.to.map(String.init) ?? "", "\(s.winnerChanged)"].map(CSVField.escape).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
