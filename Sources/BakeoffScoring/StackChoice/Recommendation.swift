import BakeoffModel

/// The one tool recommended per assessed stage, which every output names: the whole-stack choice when there is
/// one (hand-offs between neighbouring tools counted), else each stage's own winner. Where the two differ, the
/// stage's pick carries one sentence saying why.
///
/// It is a pure function of the project, the scoreboard and the stack analysis, so the deck, the posts, the
/// site, the diagram and `stack check` cannot disagree about what is recommended.
public struct Recommendation: Hashable, Sendable {
    /// Where the recommendation comes from.
    public enum Basis: String, Hashable, Sendable {
        /// The whole-stack choice (the stack scoring ran).
        case wholeStack = "whole-stack choice"
        /// Each stage's winner on its own (no integration, or the stack could not be scored).
        case stageWinners = "stage winners"
    }

    /// One stage's recommended tool.
    public struct Pick: Hashable, Sendable {
        public var stage: String
        /// The stage's title, for prose.
        public var stageTitle: String
        /// The recommended tool's id; nil when the stage has no pick yet.
        public var tool: String?
        /// The recommended tool's display name.
        public var name: String?
        /// The stage's own winner (its best total alone); nil when none could be ranked.
        public var winner: String?
        /// One sentence on why the pick is not the stage's winner; nil when it is.
        public var reason: String?
        /// The same, short enough for a slide's bullet.
        public var shortReason: String?

        /// True when the stack takes another tool than the stage's winner.
        public var differsFromWinner: Bool { reason != nil }
    }

    public var basis: Basis
    /// One pick per assessed stage, in pipeline order.
    public var picks: [Pick]

    /// The pick of a stage, if the stage is assessed.
    public func pick(for stage: String) -> Pick? { picks.first { $0.stage == stage } }

    /// The recommended tool id of a stage, if it has one.
    public func tool(for stage: String) -> String? { pick(for: stage)?.tool }

    /// The picks that name a tool.
    public var decided: [Pick] { picks.filter { $0.tool != nil } }

    /// Reads the whole-stack choice when `stack` has one, else the stage winners.
    public static func make(project: Project, scoreboard: Scoreboard?, stack: StackAnalysis?) -> Recommendation {
        let choice = stack?.choice
        var picks: [Pick] = []
        for stage in project.assessedStages {
            let card = scoreboard?.stages.first { $0.stage == stage.id }
            func name(_ id: String) -> String { card?.tools.first { $0.tool == id }?.name ?? stage.candidate(id)?.name ?? id }
            let winner = card?.winner
            let member = choice?.members.first { $0.stage == stage.id }
            let tool = member?.tool ?? winner
            var reason: String?
            var shortReason: String?
            if let tool, let winner, tool != winner, let choice, let chosen = member,
                let alone = choice.winners.first(where: { $0.stage == stage.id })
            {
                // Two decimals where one would print the two totals alike.
                let decimals = Numbers.fixed(choice.total, decimals: 1) == Numbers.fixed(choice.winnersTotal, decimals: 1) ? 2 : 1
                reason =
                    "We take \(name(tool)) rather than the stage's winner \(name(winner)) (\(Numbers.fixed(alone.alone, decimals: 1)) "
                    + "against \(Numbers.fixed(chosen.alone, decimals: 1)) alone) because the whole stack scores higher with it: "
                    + "\(Numbers.fixed(choice.total, decimals: decimals)) against \(Numbers.fixed(choice.winnersTotal, decimals: decimals)) "
                    + "once the hand-offs between neighbouring tools count."
                shortReason =
                    "Stack pick: the whole stack scores \(Numbers.fixed(choice.total, decimals: decimals)) with \(name(tool)), "
                    + "\(Numbers.fixed(choice.winnersTotal, decimals: decimals)) with \(name(winner)), hand-offs counted"
            }
            picks.append(
                Pick(
                    stage: stage.id, stageTitle: stage.title, tool: tool, name: tool.map(name), winner: winner, reason: reason,
                    shortReason: shortReason))
        }
        return Recommendation(basis: choice == nil ? .stageWinners : .wholeStack, picks: picks)
    }
}

extension Evaluation {
    /// The recommended tool per stage for this evaluation (see `Recommendation`).
    public var recommendation: Recommendation { Recommendation.make(project: project, scoreboard: scoreboard, stack: stack) }
}
