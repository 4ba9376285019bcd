import BakeoffModel
import BakeoffScoring

/// The numbers the what-if page re-ranks in the browser: per profile, per stage, the criterion scores the
/// evaluation computed for every candidate in the running (`Evaluation.profiles`; nothing is scored here). Embedded in the page as versioned JSON; the page's
/// script (`WhatIfScript.ranking`) and `WhatIfRanking` read exactly these fields.
///
/// Version 1 fields of a stage: `measured` (the criteria with a measured indicator here), then the candidates:
/// `tools` (sorted by id: the index is the tie-break), `scores` (tool × criterion, unknown indicators counted at
/// the worst known score as the scorer counts them; `null` when nothing is known), optionally `upper` (the same
/// with the unknowns at the best known score: a candidate that would overtake the winner there makes the verdict
/// provisional) and `eligible` (false for a tool that may be ranked but cannot win), and `excluded` (candidates
/// out of the running, with why). Who is in the running depends on whether a measured criterion carries weight
/// (a never-run tool cannot win then); `unmeasured` holds the candidates for weights where none does, when they
/// differ.
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

    /// The candidates in the running and their criterion scores.
    public struct Candidates: Hashable, Sendable {
        public var tools: [Tool]
        /// 0–10 criterion scores, tools × criteria, unknowns counted at the worst known score; nil when nothing
        /// of the criterion is known for anyone.
        public var scores: [[Double?]]
        /// The scores with the unknowns at the best known score, when the evaluation gives them.
        public var upper: [[Double?]]?
        /// false for a tool that may be ranked but cannot win; nil when every tool may win.
        public var eligible: [Bool]?
        public var excluded: [Excluded]

        public init(tools: [Tool], scores: [[Double?]], upper: [[Double?]]? = nil, eligible: [Bool]? = nil, excluded: [Excluded] = []) {
            self.tools = tools
            self.scores = scores
            self.upper = upper
            self.eligible = eligible
            self.excluded = excluded
        }
    }

    /// One stage's decision matrix under one profile.
    public struct Stage: Hashable, Sendable {
        public var id: String
        public var title: String
        /// The stage's page, relative to the site folder.
        public var href: String
        /// Indices of the criteria with a measured indicator in this stage.
        public var measured: [Int]
        public var candidates: Candidates
        /// The candidates when no measured criterion carries weight (never-run tools join the running); nil
        /// when they are the same.
        public var unmeasured: Candidates?

        public init(id: String, title: String, href: String, measured: [Int] = [], candidates: Candidates, unmeasured: Candidates? = nil) {
            self.id = id
            self.title = title
            self.href = href
            self.measured = measured
            self.candidates = candidates
            self.unmeasured = unmeasured
        }

        /// The candidates under these normalized weights.
        public func candidates(for w: [Double]) -> Candidates {
            guard let unmeasured, !measured.contains(where: { w[$0] > 0 }) else { return candidates }
            return unmeasured
        }
    }

    /// A profile: its relative weights in criterion order, as the profile file gives them, and its index into
    /// `evaluations` (profiles with the same gates share one).
    public typealias Profile = ProfileBoards.Profile

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

    /// Reads the matrices from the evaluation's boards of every profile (`ProfileBoards`), the recommendation's
    /// weights and winners from the site's scoreboard.
    public static func make(project: Project, profiles: ProfileBoards, scoreboard: Scoreboard, stack: StackChoice?) -> WhatIfData {
        let criteria = project.criteria.map { Criterion(id: $0.id, title: $0.title) }
        let ids = criteria.map(\.id)
        let relative = scoreboard.relativeWeights.isEmpty ? scoreboard.weights : scoreboard.relativeWeights
        let recommended = Recommendation(
            profile: scoreboard.profile, weights: ids.map { relative[$0] ?? 0 },
            winners: scoreboard.stages.map { Pick(stage: $0.stage, tool: $0.winner) },
            stack: stack.map { $0.members.map { Pick(stage: $0.stage, tool: $0.tool) } })
        return WhatIfData(
            criteria: criteria, recommended: recommended,
            profiles: profiles.profiles,
            evaluations: profiles.boards.map { board in board.map { stage(project: project, $0) } })
    }

    /// A board's stage: its candidates, and with the other side of "a measured criterion carries weight" where
    /// a never-run candidate makes it differ.
    static func stage(project: Project, _ board: ProfileBoards.Stage) -> Stage {
        let ids = project.criteria.map(\.id)
        var stage = Stage(
            id: board.card.stage, title: board.card.title, href: SiteModel.stagePage(board.card.stage), measured: board.measured,
            candidates: candidates(project: project, card: board.card, criteria: ids))
        guard let other = board.otherSide else { return stage }
        let alternative = candidates(project: project, card: other, criteria: ids)
        if board.measuredWeighted {
            stage.unmeasured = alternative
        } else {
            stage.unmeasured = stage.candidates
            stage.candidates = alternative
        }
        if stage.unmeasured == stage.candidates { stage.unmeasured = nil }
        return stage
    }

    /// A stage's candidates in the running, with their criterion scores as the scorer counted them and with the
    /// unknowns at the best known score.
    static func candidates(project: Project, card: StageScorecard, criteria: [String]) -> Candidates {
        var result = Candidates(tools: [], scores: [], upper: [])
        var anyUnknown = false
        for tool in card.tools.sorted(by: { $0.tool < $1.tool }) {
            let row = criteria.map { id in tool.criteria.first { $0.criterion == id }?.score }
            if let why = tool.eliminated {
                result.excluded.append(Excluded(id: tool.tool, name: tool.name, why: "eliminated: " + why))
            } else if tool.notMeasured || row.allSatisfy({ $0 == nil }) {
                result.excluded.append(Excluded(id: tool.tool, name: tool.name, why: tool.insufficientEvidence ?? "insufficient evidence"))
            } else {
                result.tools.append(Tool(id: tool.tool, name: tool.name))
                result.scores.append(row)
                result.upper!.append(upper(project: project, tool: tool, criteria: criteria))
                anyUnknown = anyUnknown || tool.indicators.contains { $0.score == nil && $0.couldReach != nil }
            }
        }
        if !anyUnknown { result.upper = nil }
        return result
    }

    /// A tool's criterion scores with each unknown indicator at the best score a candidate in the running has
    /// on it (the scorer's `couldReach`), the known ones as scored: the indicator-weighted mean per criterion.
    static func upper(project: Project, tool: ToolScore, criteria: [String]) -> [Double?] {
        criteria.map { id in
            guard let criterion = project.criteria.first(where: { $0.id == id }) else { return nil }
            var num = 0.0, den = 0.0
            for value in tool.indicators where value.criterion == id {
                guard let s = value.score ?? value.couldReach,
                    let weight = criterion.indicators.first(where: { $0.id == value.indicator })?.weight
                else { continue }
                num += weight * s
                den += weight
            }
            return den > 0 ? num / den : nil
        }
    }
}
