import BakeoffModel
import Dispatch

/// Scores a project's assessed stages from its facts and stored runs: a pure function, it never runs a tool.
///
/// Per stage (the team's candidates only), per indicator: raw values (see `IndicatorReader` for which runs
/// count), normalized to 0–10 (see `Normalizer`). A criterion's score is the indicator-weighted mean of its
/// KNOWN indicator scores, with confidence from known/total (all: high, at least half: medium, fewer: low,
/// none: none, and the score is nil). A tool's total is Σ weight × criterion score over its known criteria,
/// divided by the sum of those weights: an unknown criterion is left out and the remaining weights
/// renormalized, never counted as zero. A tool with no known weighted criterion is "insufficient evidence"
/// and unranked; a tool failing one of the profile's gates is eliminated with the gate's reason. Ranked tools
/// are ordered by total (totals within 1e-9 tie), then by tool id.
public enum Scorer {
    public static func score(project: Project, history: RunHistory, options: ScoringOptions) throws -> Scoreboard {
        try score(project: project, history: history, options: options) { _ in () }.board
    }

    /// Scores, and runs `besides` on the scores (work that does not read the sensitivity: the stack choice,
    /// the other profiles) on the same cores while the sensitivity analyses run, instead of after them.
    public static func score<T: Sendable>(
        project: Project, history: RunHistory, options: ScoringOptions, besides: @Sendable (Scoreboard) -> T
    ) throws -> (board: Scoreboard, besides: T) {
        var board = try unanalysed(project: project, history: history, options: options)
        // The sensitivity analyses (mostly the Monte Carlo) are independent per stage, each with its own seeded
        // stream, so they run in parallel and the result does not depend on the order they finish in. `besides`
        // goes first, so the stages' analyses fill the other cores while it runs.
        let jobs = board.stages.map { $0.matrix.flatMap { $0.tools.isEmpty ? nil : $0 } }
        let draws = board.stages.map(\.resampled)
        let ids = board.stages.map(\.stage)
        let scored = board
        let results = Parallel.map(jobs.count + 1) { i -> Concurrent<T> in
            guard i > 0 else { return .besides(besides(scored)) }
            guard let matrix = jobs[i - 1] else { return .sensitivity(nil) }
            return .sensitivity(
                SensitivityAnalysis.analyse(
                    matrix, samples: options.samples, seed: options.seed, stream: ids[i - 1], resampled: draws[i - 1]))
        }
        var other: T?
        for (i, result) in results.enumerated() {
            switch result {
            case .besides(let value): other = value
            case .sensitivity(let value): board.stages[i - 1].sensitivity = value
            }
        }
        for i in board.stages.indices { board.stages[i].resampled = [] }
        return (board, other!)
    }

    private enum Concurrent<T> {
        case besides(T)
        case sensitivity(Sensitivity?)
    }

    /// The scoreboard without the sensitivity analyses: totals, ranks, verdicts, and each stage's decision matrix
    /// with its resampled draws, ready for them.
    static func unanalysed(project: Project, history: RunHistory, options: ScoringOptions) throws -> Scoreboard {
        let (profile, relative) = try weights(project: project, options: options)
        guard options.samples >= 0 else { throw ScoringError.invalidSamples(options.samples) }
        let recorded = history.ids
        for pin in (options.pins + project.team.pinnedRuns) where !recorded.contains(pin) {
            throw ScoringError.unknownPinnedRun(pin, known: recorded.sorted())
        }
        let sum = relative.values.reduce(0, +)
        var normalized: [String: Double] = [:]
        for (k, v) in relative { normalized[k] = v / sum }
        let assessed = project.assessedStages
        let evidence = EvidenceSet(project: project, history: history, pins: options.pins)
        // Each stage is scored on its own (its evidence read, its matrix resampled): on every core.
        let weights = normalized
        let stages = Parallel.map(assessed.count) { i in
            scoreStage(assessed[i], project: project, assessed: assessed, evidence: evidence, profile: profile, weights: weights, options: options)
        }
        var board = Scoreboard(profile: profile.id, weights: normalized, stages: stages)
        board.criteria = project.criteria.map(\.id)
        board.relativeWeights = relative
        board.evidenceRuns = evidence.runIDs
        for stage in assessed {
            for tool in stage.candidates {
                if let run = evidence.selection(stage: stage.id, tool: tool.id)?.runID { board.evidenceSelection["\(stage.id)/\(tool.id)"] = run }
            }
        }
        return board
    }

    /// The profile and its relative weights with the overrides applied, validated.
    public static func weights(project: Project, options: ScoringOptions) throws -> (Profile, [String: Double]) {
        let id = options.profile ?? project.team.profile
        guard let profile = project.profile(id) else {
            throw ScoringError.unknownProfile(id, known: project.profiles.map(\.id))
        }
        let known = project.criteria.map(\.id)
        for key in options.weightOverrides.keys.sorted() where !known.contains(key) {
            throw ScoringError.unknownCriterion(key, known: known)
        }
        var relative: [String: Double] = [:]
        for c in known {
            let w = options.weightOverrides[c] ?? profile.weights[c] ?? 0
            guard w.isFinite, w >= 0 else { throw ScoringError.invalidWeight(criterion: c, value: w) }
            relative[c] = w
        }
        guard relative.values.contains(where: { $0 > 0 }) else { throw ScoringError.allWeightsZero(profile: profile.id) }
        return (profile, relative)
    }

    static func scoreStage(
        _ stage: Stage, project: Project, assessed: [Stage], evidence: EvidenceSet, profile: Profile, weights: [String: Double],
        options: ScoringOptions
    ) -> StageScorecard {
        let reader = IndicatorReader(project: project, stage: stage, evidence: evidence, assessed: assessed)
        let tools = stage.candidates.sorted { $0.id < $1.id }
        let criteria = project.criteria.map(\.id)
        let w = criteria.map { weights[$0] ?? 0 }
        let steps = stage.scenario?.steps.map(\.id) ?? []

        // Every applicable indicator, as one column of raw values (one per tool).
        var columns: [StageColumns.Column] = []
        var costs = [CostBreakdown?](repeating: nil, count: tools.count)
        for (j, criterion) in project.criteria.enumerated() {
            for indicator in criterion.indicators where reader.applies(indicator) {
                var raws: [RawIndicator] = []
                for (i, tool) in tools.enumerated() {
                    let (raw, cost) = reader.read(indicator, tool: tool)
                    raws.append(raw)
                    if let cost { costs[i] = cost }
                }
                columns.append(.init(criterion: j, indicator: indicator, raws: raws))
            }
        }

        // Who is in the running: not gated out, and measured when measured criteria carry weight.
        let measuredCriterionWeighted = columns.contains { w[$0.criterion] > 0 && $0.indicator.source.isMeasured }
        let selections = tools.map { evidence.selection(stage: stage.id, tool: $0.id) }
        let coverage = tools.indices.map { i -> Coverage? in
            guard selections[i] != nil, !steps.isEmpty else { return nil }
            return Coverage.count(steps: steps) { evidence.observations(stage: stage.id, tool: tools[i].id, step: $0) }
        }
        let notMeasured = tools.indices.map { selections[$0] == nil && !steps.isEmpty && measuredCriterionWeighted }
        let eliminated = tools.indices.map { i in gateFailure(tools[i], gates: profile.gates, steps: steps, coverage: coverage[i]) }
        let inRunning = tools.indices.map { eliminated[$0] == nil && !notMeasured[$0] }

        let table = StageColumns(columns: columns, criteriaCount: criteria.count, inRunning: inRunning)
        let primary = table.evaluate(ties: true)

        var results: [ToolScore] = []
        var matrixTools: [Int] = []
        for (i, tool) in tools.enumerated() {
            var values: [IndicatorValue] = []
            for (c, column) in columns.enumerated() {
                let raw = column.raws[i]
                var display = raw.display
                let known = primary.columnScores[c][i]
                if raw.isKnown, known == nil, raw.notDone == nil { display += " (no score: not in the indicator's map)" }
                var value = IndicatorValue(
                    indicator: column.indicator.id, criterion: criteria[column.criterion], raw: raw.number, display: display,
                    score: known, spread: raw.spread, evidence: raw.evidence)
                value.notDone = raw.notDone
                if known == nil, inRunning[i] {
                    value.countedAs = primary.worst[c]
                    value.couldReach = primary.best[c]
                }
                value.tiedWith = primary.tied[c][i].map { tools[$0].id }
                values.append(value)
            }
            var criterionScores: [CriterionScore] = []
            for j in criteria.indices {
                let total = columns.filter { $0.criterion == j }.count
                let known = primary.knownCount[i][j]
                let score = inRunning[i] ? primary.scores[i][j] : primary.ownScores[i][j]
                criterionScores.append(CriterionScore(
                    criterion: criteria[j], score: score, known: known, total: total,
                    confidence: confidence(known: score == nil ? 0 : known, total: total)))
            }
            var insufficient: String?
            if notMeasured[i] {
                insufficient = "not measured: never run here, so it cannot win a stage whose measured criteria carry weight; run 'bakeoff run --stage \(stage.id) --tool \(tool.id)'"
            } else if eliminated[i] == nil {
                let hasWeightedEvidence = criteria.indices.contains { w[$0] > 0 && primary.knownCount[i][$0] > 0 }
                if hasWeightedEvidence {
                    matrixTools.append(i)
                } else {
                    let knownIndicators = primary.knownCount[i].reduce(0, +)
                    insufficient = "insufficient evidence: no weighted criterion has a known indicator (\(knownIndicators) of \(columns.count) indicators known)"
                }
            }
            var score = ToolScore(
                tool: tool.id, name: tool.name, total: nil, rank: nil, criteria: criterionScores,
                indicators: values, cost: costs[i], eliminated: eliminated[i], insufficientEvidence: insufficient)
            score.coverage = coverage[i]
            score.evidenceRun = selections[i]?.runID
            score.notMeasured = notMeasured[i]
            results.append(score)
        }

        let matrix = table.matrix(primary, tools: matrixTools, ids: tools.map(\.id), criteria: criteria, weights: w)
        let totals = matrix.totals(w)
        let order = DecisionMatrix.order(totals)
        for (rank, m) in order.enumerated() {
            results[matrixTools[m]].total = totals[m]
            results[matrixTools[m]].rank = rank + 1
        }
        let ranked = order.map { results[matrixTools[$0]] }
        let unranked = results.filter { $0.rank == nil }
        var card = StageScorecard(
            stage: stage.id, title: stage.title, tools: ranked + unranked, winner: ranked.first?.tool,
            runnerUp: ranked.count > 1 ? ranked[1].tool : nil,
            margin: ranked.count > 1 ? ranked[0].total! - ranked[1].total! : nil, sensitivity: nil)
        card.matrix = matrix
        card.notMeasured = tools.indices.filter { notMeasured[$0] }.map { tools[$0].id }
        card.evidenceWarnings = evidence.warnings[stage.id] ?? []
        if let top = ranked.first?.total {
            card.tiedWithWinner = ranked.dropFirst().filter { abs(top - $0.total!) < 0.005 }.map(\.tool)
        }
        card.undecisiveCriteria = criteria.indices.filter { j in
            guard w[j] > 0, matrix.tools.count > 1 else { return false }
            let column = matrix.tools.indices.map { matrix.scores[$0 * criteria.count + j] }
            let allKnown = matrix.tools.indices.allSatisfy { matrix.known[$0 * criteria.count + j] > 0 }
            return allKnown && (column.max()! - column.min()!) < 1e-9
        }.map { criteria[$0] }
        if let first = order.first {
            card.provisional = table.provisional(
                winner: matrixTools[first], ranked: order.map { matrixTools[$0] }, primary: primary, weights: w,
                tools: tools, stage: stage.id)
        }
        // The bootstrap draws feed only the Monte Carlo: none without it (the other profiles' boards, --samples 0).
        if options.samples > 0 {
            card.resampled = table.resampled(
                primary: primary, tools: matrixTools, ids: tools.map(\.id), criteria: criteria, weights: w,
                seed: options.seed ^ SensitivityAnalysis.fnv1a(stage.id))
        }
        return card
    }

    static func confidence(known: Int, total: Int) -> Confidence {
        guard total > 0, known > 0 else { return .none }
        if known == total { return .high }
        return known * 2 >= total ? .medium : .low
    }

    /// Why the first failing gate eliminates the tool, or nil when it passes every gate. A missing fact fails:
    /// a must-have has to be shown, not assumed.
    /// A step gate applies only in stages whose scenario has the step.
    static func gateFailure(_ tool: Tool, gates: [Gate], steps: [String] = [], coverage: Coverage? = nil) -> String? {
        for gate in gates {
            if let step = gate.step {
                guard steps.contains(step) else { continue }
                guard let coverage else { return "never ran, so the must-have step \(step) is not shown: \(gate.reason)" }
                if let outcome = coverage.notDone[step] { return "could not do the must-have step \(step) (\(outcome)): \(gate.reason)" }
                continue
            }
            guard let fact = tool.fact(gate.fact) else {
                return "no \(gate.fact) fact to show \(gate.allowed.joined(separator: " or ")): \(gate.reason)"
            }
            let values: [String]
            switch fact.value {
            case .flag(let b): values = [b ? "true" : "false"]
            case .list(let items): values = items
            default: values = [fact.value.description]
            }
            if !values.contains(where: gate.allowed.contains) {
                return "\(gate.fact) is \(fact.value.description), not \(gate.allowed.joined(separator: " or ")): \(gate.reason)"
            }
        }
        return nil
    }
}
