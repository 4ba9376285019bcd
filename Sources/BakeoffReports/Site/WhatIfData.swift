import BakeoffModel
import BakeoffScoring

/// The numbers the what-if page re-ranks in the browser: per profile, per stage, the criterion scores the
/// evaluation computed for every candidate still in the running. Embedded in the page as versioned JSON; the
/// page's script (`WhatIfScript.ranking`) and `WhatIfRanking` read exactly these fields.
///
/// Version 1 fields of a stage: `tools` (sorted by id: the index is the tie-break), `scores` (tool × criterion,
/// `null` when unknown), and optionally `lower` / `upper` (the same matrix with the unknowns and the noise at
/// their worst and best: a winner that differs between them is provisional) and `eligible` (false for a tool
/// that may be ranked but cannot win). Candidates that can never be ranked under this profile (eliminated by a
/// gate, or with no known criterion at all) are listed in `excluded` with the reason.
public struct WhatIfData: Hashable, Sendable {
    /// Bumped when a field changes meaning; the page refuses data of another version.
    public static let version = 1

    public struct Criterion: Hashable, Sendable {
        public var id: String
        public var title: String
    }

    public struct Tool: Hashable, Sendable {
        public var id: String
        public var name: String
    }

    public struct Excluded: Hashable, Sendable {
        public var id: String
        public var name: String
        public var why: String
    }

    /// One stage's decision matrix under one profile.
    public struct Stage: Hashable, Sendable {
        public var id: String
        public var title: String
        /// The stage's page, relative to the site folder.
        public var href: String
        public var tools: [Tool]
        /// 0–10 criterion scores, tools × criteria; nil when unknown.
        public var scores: [[Double?]]
        /// The scores with unknowns and noise at their worst, when the evaluation computed them.
        public var lower: [[Double?]]?
        /// The scores with unknowns and noise at their best, when the evaluation computed them.
        public var upper: [[Double?]]?
        /// false for a tool that may be ranked but cannot win; nil when every tool may win.
        public var eligible: [Bool]?
        public var excluded: [Excluded]
    }

    public struct Profile: Hashable, Sendable {
        public var id: String
        public var title: String
        /// Relative weights in criterion order, as the profile file gives them.
        public var weights: [Double]
        /// Index into `evaluations`: profiles with the same gates share one.
        public var evaluation: Int
    }

    /// One stage's tool.
    public struct Pick: Hashable, Sendable {
        public var stage: String
        /// nil when no candidate could be ranked.
        public var tool: String?
    }

    /// What the site recommends: the profile and weights it was built with, and its winners.
    public struct Recommendation: Hashable, Sendable {
        public var profile: String
        /// Relative weights in criterion order (the profile's, with any `--weight` override).
        public var weights: [Double]
        /// Each stage's winner, in stage order.
        public var winners: [Pick]
        /// The whole-stack choice (hand-offs counted) at these weights, in stage order; nil when none was made.
        public var stack: [Pick]?
    }

    public var criteria: [Criterion]
    public var recommended: Recommendation
    public var profiles: [Profile]
    public var evaluations: [[Stage]]

    /// The profile with this id.
    public func profile(_ id: String) -> Profile? { profiles.first { $0.id == id } }

    /// Reads the matrices from the site's scoreboard and, for the other profiles, from scoring them again
    /// (without the Monte Carlo: only the criterion scores are read, and those do not depend on the weights).
    public static func make(project: Project, runs: [Run], scoreboard: Scoreboard, stack: StackChoice?) -> WhatIfData {
        let criteria = project.criteria.map { Criterion(id: $0.id, title: $0.title) }
        let ids = criteria.map(\.id)
        var evaluations: [[Stage]] = []
        var profiles: [Profile] = []
        for profile in project.profiles {
            let board: Scoreboard?
            if profile.id == scoreboard.profile {
                board = scoreboard
            } else {
                board = try? Scorer.score(project: project, runs: runs, options: ScoringOptions(profile: profile.id, samples: 0))
            }
            guard let board else { continue }
            let stages = board.stages.map { stage(project: project, card: $0, criteria: ids) }
            let index = evaluations.firstIndex(of: stages) ?? {
                evaluations.append(stages)
                return evaluations.count - 1
            }()
            profiles.append(Profile(id: profile.id, title: profile.title, weights: ids.map { profile.weights[$0] ?? 0 }, evaluation: index))
        }
        let relative = scoreboard.relativeWeights.isEmpty ? scoreboard.weights : scoreboard.relativeWeights
        let recommended = Recommendation(
            profile: scoreboard.profile, weights: ids.map { relative[$0] ?? 0 },
            winners: scoreboard.stages.map { Pick(stage: $0.stage, tool: $0.winner) },
            stack: stack.map { $0.members.map { Pick(stage: $0.stage, tool: $0.tool) } })
        return WhatIfData(criteria: criteria, recommended: recommended, profiles: profiles, evaluations: evaluations)
    }

    /// A stage's candidates that can be ranked under some weighting, with their criterion scores.
    static func stage(project: Project, card: StageScorecard, criteria: [String]) -> Stage {
        var tools: [Tool] = [], scores: [[Double?]] = [], excluded: [Excluded] = []
        for tool in card.tools.sorted(by: { $0.tool < $1.tool }) {
            let row = criteria.map { id in tool.criteria.first { $0.criterion == id }?.score }
            if let why = tool.eliminated {
                excluded.append(Excluded(id: tool.tool, name: tool.name, why: "eliminated: " + why))
            } else if row.allSatisfy({ $0 == nil }) {
                excluded.append(Excluded(id: tool.tool, name: tool.name, why: tool.insufficientEvidence ?? "insufficient evidence"))
            } else {
                tools.append(Tool(id: tool.tool, name: tool.name))
                scores.append(row)
            }
        }
        return Stage(
            id: card.stage, title: card.title, href: SiteModel.stagePage(card.stage), tools: tools, scores: scores, lower: nil,
            upper: nil, eligible: nil, excluded: excluded)
    }
}
