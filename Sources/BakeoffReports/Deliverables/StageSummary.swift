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
    /// Tools that have at least one observation in any recorded run.
    public var measuredTools: [String]
    /// Tool → how many times it ran the stage's scenario with at least one step ok (distinct run and
    /// repetition); tools never measured are absent.
    public var repetitions: [String: Int]

    public init(stage: Stage, scoreboard: Scoreboard?, history: RunHistory) {
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
        let parts = history.parts(stage: stage.id)
        let ids = Set(parts.map(\.tool))
        measuredTools = stage.candidates.map(\.id).filter(ids.contains)
        var passes: [String: Int] = [:]
        for part in parts where part.okRepetitions > 0 { passes[part.tool, default: 0] += part.okRepetitions }
        repetitions = passes
    }

    /// What was measured, per tool, in one or two sentences: "Ruff and Black ran the scenario three times;
    /// Flake8 and Pylint were compared on facts only." Nothing measured: says so, and claims no measurement.
    public var measurementClaim: String {
        let candidates = stage.candidates
        guard stage.scenario != nil else {
            return "This stage has no scripted scenario, so its candidates were compared on sourced facts only."
        }
        guard !repetitions.isEmpty else {
            return "No scenario has run yet, so \(Prose.list(candidates.map(\.name))) were compared on sourced facts only."
        }
        // Group the measured tools by how often they ran, in candidate order.
        var groups: [(times: Int, names: [String])] = []
        for tool in candidates {
            guard let n = repetitions[tool.id] else { continue }
            if let i = groups.firstIndex(where: { $0.times == n }) { groups[i].names.append(tool.name) } else { groups.append((n, [tool.name])) }
        }
        // Every candidate ran equally often: one short clause instead of the list of names.
        if groups.count == 1, groups[0].names.count == candidates.count {
            let who = candidates.count == 1 ? groups[0].names[0] : candidates.count == 2 ? "Both" : "All \(candidates.count)"
            return "\(who) ran the same scripted scenario \(Prose.times(groups[0].times))."
        }
        var parts = groups.map { "\(Prose.list($0.names)) ran the scenario \(Prose.times($0.times))" }
        let unmeasured = candidates.filter { repetitions[$0.id] == nil }.map(\.name)
        if !unmeasured.isEmpty {
            parts.append("\(Prose.list(unmeasured)) \(unmeasured.count == 1 ? "was" : "were") compared on sourced facts only")
        }
        return parts.joined(separator: "; ") + "."
    }

    public func name(of tool: String) -> String { stage.candidate(tool)?.name ?? tool }

    /// The measured indicator that decided the stage, by the site's own rule (`VerdictSummary.deciding`: the
    /// measurement with the largest share of the winner's margin over the runner-up), so the deck's chart and
    /// the stage page name the same one; else the measurement most candidates have. Nil when nothing was measured.
    public func decidingIndicator(criteria: [Criterion], weights: [String: Double]) -> Indicator? {
        guard let card else { return nil }
        let measured = criteria.flatMap { c in c.indicators.map { (c.id, $0) } }.filter { _, indicator in
            if case .step = indicator.source { return indicator.applies(to: stage.id) }
            return false
        }
        let steps = Dictionary(measured.map { ($0.1.id, $0.1) }, uniquingKeysWith: { a, _ in a })
        let ranked = VerdictSummary.deciding(winner: winner, runnerUp: runnerUp, tools: card.tools, criteria: criteria, weights: weights)
        if let top = ranked.first(where: { steps[$0.indicator] != nil }) { return steps[top.indicator] }
        let counts = measured.map { _, indicator in
            (indicator, card.tools.filter { tool in tool.indicators.contains { $0.indicator == indicator.id && $0.raw != nil } }.count)
        }
        return counts.filter { $0.1 >= 2 }.max { $0.1 < $1.1 }?.0
    }

    /// The flip point nearest the current weight: which tool would win, and at what weight of which criterion.
    public var nearestFlip: (tool: String, criterion: String, weight: Double, at: Double)? {
        let flips = card?.sensitivity?.flipPoints.compactMap { f -> (String, String, Double, Double)? in
            guard let at = f.flipsAt, let tool = f.newWinner else { return nil }
            return (tool, f.criterion, f.weight, at)
        } ?? []
        return flips.min { abs($0.3 - $0.2) < abs($1.3 - $1.2) }.map { (tool: $0.0, criterion: $0.1, weight: $0.2, at: $0.3) }
    }

    /// The criteria (by title, in sentence case) the winner has no evidence on: its verdict is provisional there.
    public func unknownCriteria(criteria: [Criterion]) -> [String] {
        guard let winner else { return [] }
        return criteria.filter { c in winner.criteria.first { $0.criterion == c.id }.map { $0.score == nil } ?? false }
            .map { Prose.inSentence($0.title) }
    }

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
