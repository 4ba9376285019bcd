import BakeoffModel
import BakeoffScoring

/// `bakeoff score --diff PROFILE`: what changes between two profiles' scoreboards, and why, as text, JSON or CSV.
/// No I/O.
public enum ProfileComparisonFormatter {
    /// Weight changes, then per stage the winner and the tools whose rank moved.
    public static func text(_ comparison: ProfileComparison) -> String {
        var out = "Profile \(comparison.from) compared with \(comparison.to).\n"
        let moved = comparison.weights.filter { abs($0.delta) > 1e-12 }
        out += moved.isEmpty
            ? "Weights: identical.\n"
            : "Weights, largest change first: " + moved.map { w in
                let sign = w.delta > 0 ? "+" : "−"
                return "\(w.criterion) \(ScoreboardFormatter.percent(w.from)) → \(ScoreboardFormatter.percent(w.to)) (\(sign)\(ScoreboardFormatter.points(abs(w.delta))))"
            }.joined(separator: ", ") + ".\n"
        for s in comparison.stages {
            let winner = s.winnerChanged
                ? "winner \(s.winnerFrom ?? "none") → \(s.winnerTo ?? "none") because \(s.why.map { why($0, stage: s.stage) } ?? "the totals moved")"
                : s.winnerFrom.map { "winner \($0) unchanged" } ?? "no winner under either profile"
            let moves = s.ranks.filter { $0.from != $0.to }.map { "\($0.tool) \(rank($0.from)) → \(rank($0.to))" }
            out += "  \(s.stage): \(winner); " + (moves.isEmpty ? "ranks unchanged" : "ranks: " + moves.joined(separator: ", ")) + ".\n"
        }
        return out
    }

    /// Why a stage's winner changed, in words: `cost rises from 20% to 40%, and DVC leads MLflow on it by 2.5 points`.
    public static func why(_ reason: ProfileComparison.Reason, stage: String) -> String {
        switch reason {
        case .noneRanked: "no candidate can be ranked under \(stage)'s new weights"
        case .noneRankedBefore: "no candidate was ranked before"
        case .eliminated(let tool, let why): "\(tool) is eliminated: \(why)"
        case .nowFirst(let tool): "\(tool) now ranks first"
        case .renormalized(let tool): "\(tool) now ranks first; renormalizing over unknown criteria moved the totals"
        case .weight(let criterion, let from, let to, let leader, let trailer, let gap):
            "\(criterion) \(to > from ? "rises" : "falls") from \(ScoreboardFormatter.percent(from)) to \(ScoreboardFormatter.percent(to)), "
                + "and \(leader) leads \(trailer) on it by \(Numbers.fixed(gap, decimals: 1)) points"
        }
    }

    private static func rank(_ r: Int?) -> String { r.map(String.init) ?? "–" }

    public static func json(_ comparison: ProfileComparison) -> String {
        JSONValue.object([
            "from": .string(comparison.from),
            "to": .string(comparison.to),
            "weights": .array(comparison.weights.map { .object(["criterion": .string($0.criterion), "from": .number($0.from), "to": .number($0.to), "delta": .number($0.delta)]) }),
            "stages": .array(comparison.stages.map { s in
                .object([
                    "id": .string(s.stage),
                    "winner_from": .optional(s.winnerFrom),
                    "winner_to": .optional(s.winnerTo),
                    "winner_changed": .bool(s.winnerChanged),
                    "why": .optional(s.why.map { why($0, stage: s.stage) }),
                    "ranks": .array(s.ranks.map { r in
                        .object(["tool": .string(r.tool), "from": r.from.map { .number(Double($0)) } ?? .null, "to": r.to.map { .number(Double($0)) } ?? .null])
                    }),
                ])
            }),
        ]).rendered()
    }

    public static func csv(_ comparison: ProfileComparison) -> String {
        var out = CSVField.line(["stage", "tool", "rank_\(comparison.from)", "rank_\(comparison.to)", "winner_changed"])
        for s in comparison.stages {
            for r in s.ranks {
                out += CSVField.line([s.stage, r.tool, r.from.map(String.init) ?? "", r.to.map(String.init) ?? "", "\(s.winnerChanged)"])
            }
        }
        return out
    }
}
