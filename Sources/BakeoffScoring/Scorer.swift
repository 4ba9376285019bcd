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
    public static func score(project: Project, runs: [Run], options: ScoringOptions) throws -> Scoreboard {
        let (profile, relative) = try weights(project: project, options: options)
        guard options.samples >= 0 else { throw ScoringError.invalidSamples(options.samples) }
        let sum = relative.values.reduce(0, +)
        var normalized: [String: Double] = [:]
        for (k, v) in relative { normalized[k] = v / sum }
        let assessed = project.assessedStages
        let evidence = EvidenceIndex(runs)
        var stages = assessed.map { stage in
            scoreStage(stage, project: project, assessed: assessed, evidence: evidence, profile: profile, weights: normalized, options: options)
        }
        // The sensitivity analyses (mostly the Monte Carlo) are independent per stage, each with its own seeded
        // stream, so they run in parallel and the result does not depend on the order they finish in.
        let jobs = stages.map { $0.matrix.flatMap { $0.tools.isEmpty ? nil : $0 } }
        let results = UnsafeMutableBufferPointer<Sensitivity?>.allocate(capacity: jobs.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        let ids = stages.map(\.stage)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            guard let matrix = jobs[i] else { return }
            out[i] = SensitivityAnalysis.analyse(matrix, samples: options.samples, seed: options.seed, stream: ids[i])
        }
        for i in stages.indices { stages[i].sensitivity = results[i] }
        var board = Scoreboard(profile: profile.id, weights: normalized, stages: stages)
        board.criteria = project.criteria.map(\.id)
        board.relativeWeights = relative
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
        _ stage: Stage, project: Project, assessed: [Stage], evidence: EvidenceIndex, profile: Profile, weights: [String: Double],
        options: ScoringOptions
    ) -> StageScorecard {
        let reader = IndicatorReader(project: project, stage: stage, evidence: evidence, assessed: assessed)
        let tools = stage.candidates.sorted { $0.id < $1.id }
        let eliminated = tools.map { gateFailure($0, gates: profile.gates) }
        let inRunning = eliminated.map { $0 == nil }

        var indicatorValues = [[IndicatorValue]](repeating: [], count: tools.count)
        var criterionScores = [[CriterionScore]](repeating: [], count: tools.count)
        var costs = [CostBreakdown?](repeating: nil, count: tools.count)
        for criterion in project.criteria {
            let indicators = criterion.indicators.filter(reader.applies)
            var weighted = [Double](repeating: 0, count: tools.count)
            var weightKnown = [Double](repeating: 0, count: tools.count)
            var knownCount = [Int](repeating: 0, count: tools.count)
            for indicator in indicators {
                var raws: [RawIndicator] = []
                for (i, tool) in tools.enumerated() {
                    let (raw, cost) = reader.read(indicator, tool: tool)
                    raws.append(raw)
                    if let cost { costs[i] = cost }
                }
                let scores = Normalizer.scores(raws, normalization: indicator.normalization, direction: indicator.direction, reference: inRunning)
                for i in tools.indices {
                    let raw = raws[i]
                    var display = raw.display
                    if raw.isKnown, scores[i] == nil { display += " (no score: not in the indicator's map)" }
                    indicatorValues[i].append(IndicatorValue(
                        indicator: indicator.id, criterion: criterion.id, raw: raw.number, display: display,
                        score: scores[i], spread: raw.spread, evidence: raw.evidence))
                    if let s = scores[i] {
                        weighted[i] += indicator.weight * s
                        weightKnown[i] += indicator.weight
                        knownCount[i] += 1
                    }
                }
            }
            for i in tools.indices {
                let score: Double? = weightKnown[i] > 0 ? weighted[i] / weightKnown[i] : nil
                criterionScores[i].append(CriterionScore(
                    criterion: criterion.id, score: score, known: knownCount[i], total: indicators.count,
                    confidence: confidence(known: score == nil ? 0 : knownCount[i], total: indicators.count)))
            }
        }

        // The decision matrix holds the tools that are neither eliminated nor without evidence.
        let criteria = project.criteria.map(\.id)
        let w = criteria.map { weights[$0] ?? 0 }
        var results: [ToolScore] = []
        var matrixTools: [Int] = []
        for (i, tool) in tools.enumerated() {
            var insufficient: String?
            let hasWeightedEvidence = zip(criterionScores[i], w).contains { $0.score != nil && $1 > 0 }
            if eliminated[i] == nil {
                if hasWeightedEvidence {
                    matrixTools.append(i)
                } else {
                    let knownIndicators = criterionScores[i].reduce(0) { $0 + $1.known }
                    let totalIndicators = criterionScores[i].reduce(0) { $0 + $1.total }
                    insufficient = "insufficient evidence: no weighted criterion has a known indicator (\(knownIndicators) of \(totalIndicators) indicators known)"
                }
            }
            results.append(ToolScore(
                tool: tool.id, name: tool.name, total: nil, rank: nil, criteria: criterionScores[i],
                indicators: indicatorValues[i], cost: costs[i], eliminated: eliminated[i], insufficientEvidence: insufficient))
        }
        var scores: [Double] = [], known: [Double] = []
        for i in matrixTools {
            for cs in criterionScores[i] {
                scores.append(cs.score ?? 0)
                known.append(cs.score == nil ? 0 : 1)
            }
        }
        let matrix = DecisionMatrix(tools: matrixTools.map { tools[$0].id }, criteria: criteria, weights: w, scores: scores, known: known)
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
        return card
    }

    static func confidence(known: Int, total: Int) -> Confidence {
        guard total > 0, known > 0 else { return .none }
        if known == total { return .high }
        return known * 2 >= total ? .medium : .low
    }

    /// Why the first failing gate eliminates the tool, or nil when it passes every gate. A missing fact fails:
    /// a must-have has to be shown, not assumed.
    static func gateFailure(_ tool: Tool, gates: [Gate]) -> String? {
        for gate in gates {
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
