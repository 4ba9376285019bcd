import BakeoffModel
import BakeoffScoring

/// The numbers the what-if page re-ranks in the browser: per profile, per stage, the criterion scores the
/// evaluation computed for every candidate in the running. Embedded in the page as versioned JSON; the page's
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

    /// Reads the matrices from the site's scoreboard and, for the other profiles and for the other side of "a
    /// measured criterion carries weight", from scoring again without the Monte Carlo (only the criterion
    /// scores are read, and those depend on the weights only through who is in the running).
    public static func make(project: Project, runs: [Run], scoreboard: Scoreboard, stack: StackChoice?) -> WhatIfData {
        let criteria = project.criteria.map { Criterion(id: $0.id, title: $0.title) }
        let ids = criteria.map(\.id)
        var evaluations: [[Stage]] = []
        var profiles: [Profile] = []
        var byGates: [[Gate]: Int] = [:]
        for profile in project.profiles {
            let weights = ids.map { profile.weights[$0] ?? 0 }
            if let index = byGates[profile.gates] {
                profiles.append(Profile(id: profile.id, title: profile.title, weights: weights, evaluation: index))
                continue
            }
            let options = ScoringOptions(profile: profile.id, samples: 0)
            let board = profile.id == scoreboard.profile ? scoreboard : try? Scorer.score(project: project, runs: runs, options: options)
            guard let board else { continue }
            let relative = profile.id == scoreboard.profile && !scoreboard.relativeWeights.isEmpty
                ? ids.map { scoreboard.relativeWeights[$0] ?? 0 } : weights
            let stages = Self.stages(project: project, runs: runs, board: board, relative: relative, options: options)
            evaluations.append(stages)
            byGates[profile.gates] = evaluations.count - 1
            profiles.append(Profile(id: profile.id, title: profile.title, weights: weights, evaluation: evaluations.count - 1))
        }
        let relative = scoreboard.relativeWeights.isEmpty ? scoreboard.weights : scoreboard.relativeWeights
        let recommended = Recommendation(
            profile: scoreboard.profile, weights: ids.map { relative[$0] ?? 0 },
            winners: scoreboard.stages.map { Pick(stage: $0.stage, tool: $0.winner) },
            stack: stack.map { $0.members.map { Pick(stage: $0.stage, tool: $0.tool) } })
        return WhatIfData(criteria: criteria, recommended: recommended, profiles: profiles, evaluations: evaluations)
    }

    /// Every stage of a board, with the other side of "a measured criterion carries weight" scored where a
    /// never-run candidate makes it differ.
    static func stages(project: Project, runs: [Run], board: Scoreboard, relative: [Double], options: ScoringOptions) -> [Stage] {
        let ids = project.criteria.map(\.id)
        var stages = board.stages.map { card -> Stage in
            let measured = measuredCriteria(project: project, card: card)
            return Stage(
                id: card.stage, title: card.title, href: SiteModel.stagePage(card.stage), measured: measured,
                candidates: candidates(project: project, card: card, criteria: ids))
        }
        // The other side, one scoring per set of measured criteria: zero them (or give them weight) and score.
        let neverRun = Set(board.stages.filter { card in
            !(project.stage(card.stage)?.scenario?.steps.isEmpty ?? true) && card.tools.contains { $0.evidenceRun == nil && $0.eliminated == nil }
        }.map(\.stage))
        for measured in Set(stages.filter { neverRun.contains($0.id) }.map(\.measured)) {
            let weighted = measured.contains { relative[$0] > 0 }
            var other = relative
            for j in measured { other[j] = weighted ? 0 : Swift.max(1, relative[j]) }
            if !other.contains(where: { $0 > 0 }) { continue }  // every criterion is measured: no weight leaves them all out
            var options = options
            options.weightOverrides = Dictionary(uniqueKeysWithValues: zip(ids, other))
            guard let board = try? Scorer.score(project: project, runs: runs, options: options) else { continue }
            for i in stages.indices where stages[i].measured == measured && neverRun.contains(stages[i].id) {
                guard let card = board.stages.first(where: { $0.stage == stages[i].id }) else { continue }
                let alternative = candidates(project: project, card: card, criteria: ids)
                if weighted {
                    stages[i].unmeasured = alternative
                } else {
                    stages[i].unmeasured = stages[i].candidates
                    stages[i].candidates = alternative
                }
                if stages[i].unmeasured == stages[i].candidates { stages[i].unmeasured = nil }
            }
        }
        return stages
    }

    /// Indices of the criteria with a measured indicator (a step or the scenario coverage) in the card's stage.
    static func measuredCriteria(project: Project, card: StageScorecard) -> [Int] {
        let applied = Set(card.tools.first?.indicators.map(\.indicator) ?? [])
        return project.criteria.indices.filter { j in
            project.criteria[j].indicators.contains { applied.contains($0.id) && $0.source.isMeasured }
        }
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
