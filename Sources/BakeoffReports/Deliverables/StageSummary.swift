import BakeoffModel
import BakeoffScoring

/// The few facts about one stage's decision that posts and slides speak about, derived from its scorecard.
public struct StageSummary: Sendable {
    public var stage: Stage
    public var card: StageScorecard?
    public var winner: ToolScore?
    public var runnerUp: ToolScore?
    /// Criteria ordered by how much they favour the winner over the runner-up (weight × score difference).
    public var drivers: [(criterion: String, advantage: Double)]
    public var winProbability: Double?
    /// Tools that have at least one observation in the runs.
    public var measuredTools: [String]

    public init(stage: Stage, scoreboard: Scoreboard?, runs: [Run]) {
        self.stage = stage
        let card = scoreboard?.stages.first { $0.stage == stage.id }
        self.card = card
        winner = card?.winner.flatMap { w in card?.tools.first { $0.tool == w } }
        runnerUp = card?.runnerUp.flatMap { r in card?.tools.first { $0.tool == r } }
        var drivers: [(String, Double)] = []
        if let winner, let runnerUp, let weights = scoreboard?.weights {
            for criterion in winner.criteria {
                guard let a = criterion.score,
                    let b = runnerUp.criteria.first(where: { $0.criterion == criterion.criterion })?.score
                else { continue }
                drivers.append((criterion.criterion, (weights[criterion.criterion] ?? 0) * (a - b)))
            }
        }
        self.drivers = drivers.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        winProbability = card?.winner.flatMap { card?.sensitivity?.winProbability[$0] }
        let ids = Set(runs.flatMap { $0.observations.filter { $0.stage == stage.id }.map(\.tool) })
        measuredTools = stage.candidates.map(\.id).filter(ids.contains)
    }

    public func name(of tool: String) -> String { stage.candidate(tool)?.name ?? tool }

    /// The criterion that most favours the winner, by its title.
    public func mainDriver(criteria: [Criterion]) -> String? {
        guard let first = drivers.first, first.advantage > 0 else { return nil }
        return criteria.first { $0.id == first.criterion }?.title.lowercased() ?? first.criterion
    }
}

extension Numbers {
    /// A 0–10 score with one decimal.
    static func score(_ value: Double?) -> String { value.map { fixed($0, decimals: 1) } ?? "unknown" }

    /// A probability as a whole percentage.
    static func percent(_ value: Double?) -> String { value.map { fixed($0 * 100, decimals: 0) + " %" } ?? "unknown" }
}
