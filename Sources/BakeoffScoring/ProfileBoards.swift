import BakeoffModel

/// Every weight profile of the project scored, as far as re-ranking under other weights needs (the what-if page):
/// the criterion scores. Those depend on the weights only through who is in the running, that is through the
/// profile's gates and through whether a measured criterion carries weight (a never-run candidate cannot win
/// then). So there is one board per set of gates, scored without the Monte Carlo, and per stage with a never-run
/// candidate the other side of "a measured criterion carries weight" scored too.
public struct ProfileBoards: Hashable, Sendable {
    public struct Profile: Hashable, Sendable {
        public var id: String
        public var title: String
        /// Relative weights in criterion order, as the profile file gives them.
        public var weights: [Double]
        /// Index into `boards`: profiles with the same gates share one.
        public var board: Int

        public init(id: String, title: String, weights: [Double], board: Int) {
            self.id = id
            self.title = title
            self.weights = weights
            self.board = board
        }
    }

    /// One stage of a board.
    public struct Stage: Hashable, Sendable {
        /// The stage's scorecard under the board's weights.
        public var card: StageScorecard
        /// Indices (in criterion order) of the criteria with a measured indicator in this stage.
        public var measured: [Int]
        /// Whether a measured criterion carries weight in the board's weights.
        public var measuredWeighted: Bool
        /// The scorecard with the measured criteria's weight on the other side (zeroed when they carry weight,
        /// given weight when they do not); nil when the stage has no never-run candidate, so both sides agree,
        /// or when no weight would be left.
        public var otherSide: StageScorecard?
    }

    /// The project's profiles that could be scored, in the project's order.
    public var profiles: [Profile]
    /// The boards, each stage in the scoreboard's order.
    public var boards: [[Stage]]
    /// The board that is the scoreboard `make` was given (its profile's, with its overrides), if one is.
    var current: Int?

    /// The profile with this id.
    public func profile(_ id: String) -> Profile? { profiles.first { $0.id == id } }

    /// Scores every profile of `project` on the evidence `options` selects (its pins). `scoreboard` is the
    /// board under `options`: its profile's board is that one (with any `--weight` override) and is not scored
    /// again.
    public static func make(project: Project, history: RunHistory, scoreboard: Scoreboard, options: ScoringOptions) -> ProfileBoards {
        let ids = project.criteria.map(\.id)
        var result = ProfileBoards(profiles: [], boards: [])
        var byGates: [[Gate]: Int] = [:]
        for profile in project.profiles {
            let weights = ids.map { profile.weights[$0] ?? 0 }
            if let index = byGates[profile.gates] {
                result.profiles.append(Profile(id: profile.id, title: profile.title, weights: weights, board: index))
                continue
            }
            let scoring = ScoringOptions(profile: profile.id, samples: 0, pins: options.pins)
            let current = profile.id == scoreboard.profile
            guard let board = current ? scoreboard : try? Scorer.score(project: project, history: history, options: scoring) else { continue }
            let relative = current && !scoreboard.relativeWeights.isEmpty ? ids.map { scoreboard.relativeWeights[$0] ?? 0 } : weights
            result.boards.append(stages(project: project, history: history, board: board, relative: relative, options: scoring))
            if current { result.current = result.boards.count - 1 }
            byGates[profile.gates] = result.boards.count - 1
            result.profiles.append(Profile(id: profile.id, title: profile.title, weights: weights, board: result.boards.count - 1))
        }
        return result
    }

    /// Puts `scoreboard`'s stages into its profile's board: the boards were made from it before its sensitivity
    /// analyses were added (`Evaluation.make` makes them beside the Monte Carlo).
    mutating func replaceCurrent(with scoreboard: Scoreboard) {
        guard let index = current else { return }
        for i in boards[index].indices {
            if let card = scoreboard.stages.first(where: { $0.stage == boards[index][i].card.stage }) { boards[index][i].card = card }
        }
    }

    /// Every stage of a board, with the other side scored where a never-run candidate makes it differ: one
    /// scoring per set of measured criteria, with them zeroed (or given weight).
    static func stages(project: Project, history: RunHistory, board: Scoreboard, relative: [Double], options: ScoringOptions) -> [Stage] {
        let ids = project.criteria.map(\.id)
        var stages = board.stages.map { card in
            let measured = measuredCriteria(project: project, card: card)
            return Stage(card: card, measured: measured, measuredWeighted: measured.contains { relative[$0] > 0 }, otherSide: nil)
        }
        let neverRun = Set(board.stages.filter { card in
            !(project.stage(card.stage)?.scenario?.steps.isEmpty ?? true) && card.tools.contains { $0.evidenceRun == nil && $0.eliminated == nil }
        }.map(\.stage))
        for measured in Set(stages.filter { neverRun.contains($0.card.stage) }.map(\.measured)) {
            let weighted = measured.contains { relative[$0] > 0 }
            var other = relative
            for j in measured { other[j] = weighted ? 0 : Swift.max(1, relative[j]) }
            if !other.contains(where: { $0 > 0 }) { continue }  // every criterion is measured: no weight leaves them all out
            var options = options
            options.weightOverrides = Dictionary(uniqueKeysWithValues: zip(ids, other))
            guard let board = try? Scorer.score(project: project, history: history, options: options) else { continue }
            for i in stages.indices where stages[i].measured == measured && neverRun.contains(stages[i].card.stage) {
                stages[i].otherSide = board.stages.first { $0.stage == stages[i].card.stage }
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
}
