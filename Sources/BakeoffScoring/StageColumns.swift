import BakeoffModel

/// One stage's raw indicator values (a column per indicator, a row per tool) and the rules that turn them into
/// criterion scores: normalization, ties inside the measurement noise, coverage, and unknowns.
///
/// - Noise: two measurements whose intervals (the repetitions' range, or the step's own reported interval)
///   overlap the better one's are a tie on that indicator: the tied tools get the mean of their medians.
/// - Coverage: a step the tool ran but could not do scores 0 on that step's indicators.
/// - Unknowns are never an advantage: an unknown value counts at the worst score any tool in the running has
///   on the indicator (and could reach the best); when nobody knows an indicator it is left out for everyone.
/// A criterion's score is the indicator-weighted mean of the indicator scores it has (known or counted).
struct StageColumns {
    struct Column {
        var criterion: Int
        var indicator: Indicator
        var raws: [RawIndicator]
    }

    /// The scores one pass produced.
    struct Evaluated {
        /// Column × tool: the known score (0 for a step not done), nil when unknown.
        var columnScores: [[Double?]]
        /// Column: the worst and best known score among the tools in the running.
        var worst: [Double?]
        var best: [Double?]
        /// Column × tool: the tools tied with this one by noise.
        var tied: [[[Int]]]
        /// Tool × criterion: the score with unknowns counted at the worst (nil when nothing at all).
        var scores: [[Double?]]
        /// Tool × criterion: the score from known indicators only (for tools out of the running).
        var ownScores: [[Double?]]
        /// Tool × criterion: how many indicators are known.
        var knownCount: [[Int]]
    }

    var columns: [Column]
    var criteriaCount: Int
    var inRunning: [Bool]

    var toolCount: Int { inRunning.count }

    func evaluate(ties: Bool, raws override: [[RawIndicator]]? = nil) -> Evaluated {
        let n = toolCount
        var columnScores: [[Double?]] = [], worst: [Double?] = [], best: [Double?] = [], tied: [[[Int]]] = []
        for (c, column) in columns.enumerated() {
            var raws = override?[c] ?? column.raws
            var groups = [[Int]](repeating: [], count: n)
            if ties, column.indicator.normalization.isNumeric {
                (raws, groups) = Self.tieInsideNoise(raws, direction: column.indicator.direction, included: inRunning)
            }
            var scores = Normalizer.scores(
                raws, normalization: column.indicator.normalization, direction: column.indicator.direction, reference: inRunning)
            for i in 0..<n where raws[i].notDone != nil { scores[i] = 0 }
            let running = (0..<n).filter { inRunning[$0] }.compactMap { scores[$0] }
            columnScores.append(scores)
            worst.append(running.min())
            best.append(running.max())
            tied.append(groups)
        }
        var scores = [[Double?]](repeating: [Double?](repeating: nil, count: criteriaCount), count: n)
        var own = scores
        var known = [[Int]](repeating: [Int](repeating: 0, count: criteriaCount), count: n)
        for i in 0..<n {
            for j in 0..<criteriaCount {
                var num = 0.0, den = 0.0, ownNum = 0.0, ownDen = 0.0
                for (c, column) in columns.enumerated() where column.criterion == j {
                    let wt = column.indicator.weight
                    if let s = columnScores[c][i] {
                        known[i][j] += 1
                        ownNum += wt * s
                        ownDen += wt
                    }
                    if let s = columnScores[c][i] ?? (inRunning[i] ? worst[c] : nil) {
                        num += wt * s
                        den += wt
                    }
                }
                scores[i][j] = den > 0 ? num / den : nil
                own[i][j] = ownDen > 0 ? ownNum / ownDen : nil
            }
        }
        return Evaluated(
            columnScores: columnScores, worst: worst, best: best, tied: tied, scores: scores, ownScores: own, knownCount: known)
    }

    /// The ranked tools' decision matrix.
    func matrix(_ e: Evaluated, tools: [Int], ids: [String], criteria: [String], weights: [Double]) -> DecisionMatrix {
        var scores: [Double] = [], known: [Double] = []
        for i in tools {
            for j in 0..<criteriaCount {
                scores.append(e.scores[i][j] ?? 0)
                known.append(e.scores[i][j] == nil ? 0 : 1)
            }
        }
        return DecisionMatrix(tools: tools.map { ids[$0] }, criteria: criteria, weights: weights, scores: scores, known: known)
    }

    /// A tool's total with some of its unknown columns counted at the best known score instead of the worst.
    func total(_ e: Evaluated, tool i: Int, atBest: Set<Int>, weights w: [Double]) -> Double? {
        var num = 0.0, den = 0.0
        for j in 0..<criteriaCount where w[j] > 0 {
            var cNum = 0.0, cDen = 0.0
            for (c, column) in columns.enumerated() where column.criterion == j {
                let s = e.columnScores[c][i] ?? (atBest.contains(c) ? e.best[c] : e.worst[c])
                guard let s else { continue }
                cNum += column.indicator.weight * s
                cDen += column.indicator.weight
            }
            guard cDen > 0 else { continue }
            num += w[j] * cNum / cDen
            den += w[j]
        }
        return den > 1e-15 ? num / den : nil
    }

    /// The verdict is provisional when a ranked candidate would overtake the winner with its unknowns at the
    /// best known score (the winner's own unknowns already count at the worst, so knowing them cannot hurt it).
    func provisional(
        winner: Int, ranked: [Int], primary e: Evaluated, weights w: [Double], tools: [Tool], stage: String
    ) -> Provisional? {
        guard let winnerTotal = total(e, tool: winner, atBest: [], weights: w) else { return nil }
        var best: (tool: Int, total: Double, unknowns: [Int])?
        for t in ranked where t != winner {
            let unknowns = columns.indices.filter {
                e.columnScores[$0][t] == nil && e.best[$0] != nil && w[columns[$0].criterion] > 0
            }
            guard !unknowns.isEmpty, let top = total(e, tool: t, atBest: Set(unknowns), weights: w),
                top > winnerTotal + DecisionMatrix.tieTolerance
            else { continue }
            if best == nil || top > best!.total { best = (t, top, unknowns) }
        }
        guard let best else { return nil }
        let alone = best.unknowns.filter { (total(e, tool: best.tool, atBest: [$0], weights: w) ?? 0) > winnerTotal + DecisionMatrix.tieTolerance }
        let deciding = alone.isEmpty ? best.unknowns : alone
        let tool = tools[best.tool]
        let todo = deciding.map { Self.howToLearn(columns[$0].indicator, tool: tool, stage: stage) }
        let next = (alone.isEmpty ? "together: " : "") + todo.joined(separator: "; ")
        return Provisional(
            challenger: tool.id, deciding: deciding.map { columns[$0].indicator.id }, challengerBest: best.total,
            winnerTotal: winnerTotal, next: next)
    }

    /// What to measure or source to learn an unknown indicator, in words.
    static func howToLearn(_ indicator: Indicator, tool: Tool, stage: String) -> String {
        switch indicator.source {
        case .step(let step, _):
            "measure \(tool.name)'s \(step) step (bakeoff run --stage \(stage) --tool \(tool.id))"
        case .capability: "run \(tool.name)'s scenario (bakeoff run --stage \(stage) --tool \(tool.id))"
        case .fact: "source \(tool.name)'s \(Prose.inSentence(indicator.title))"
        case .totalCostOfOwnership: "source \(tool.name)'s pricing, or set the team's own seat-price assumption"
        case .integrationCount: "source \(tool.name)'s integrations with other stages' tools"
        }
    }

    /// Bootstrap draws of the ranked tools' matrix: each measured value replaced by one of its repetitions, drawn
    /// with a seeded generator. None when no measured value has more than one repetition.
    func resampled(
        primary: Evaluated, tools: [Int], ids: [String], criteria: [String], weights: [Double], seed: UInt64, draws: Int = 32
    ) -> [DecisionMatrix] {
        let noisy = columns.contains { column in tools.contains { Set(column.raws[$0].samples).count > 1 } }
        guard noisy, tools.count > 1 else { return [] }
        var rng = Xoshiro256(seed: seed)
        var result: [DecisionMatrix] = []
        for _ in 0..<draws {
            let raws = columns.map { column in
                column.raws.map { raw -> RawIndicator in
                    guard raw.samples.count > 1 else { return raw }
                    var r = raw
                    r.number = raw.samples[Int(rng.next() % UInt64(raw.samples.count))]
                    return r
                }
            }
            let e = evaluate(ties: false, raws: raws)
            let m = matrix(e, tools: tools, ids: ids, criteria: criteria, weights: weights)
            let reference = matrix(primary, tools: tools, ids: ids, criteria: criteria, weights: weights)
            // A draw that changes which cells are known (it cannot, but guard it) is left out rather than misread.
            if m.known == reference.known { result.append(m) }
        }
        return result
    }

    /// Ties inside the noise: sorted from best to worst, each tool joins the group of the best tool before it
    /// when its interval overlaps that tool's; a group's members all take the group's mean value.
    static func tieInsideNoise(
        _ raws: [RawIndicator], direction: Direction, included: [Bool]
    ) -> ([RawIndicator], [[Int]]) {
        var out = raws
        var groups = [[Int]](repeating: [], count: raws.count)
        let candidates = raws.indices.filter { included[$0] && raws[$0].number != nil && raws[$0].interval != nil && raws[$0].notDone == nil }
        let sorted = candidates.sorted { a, b in
            let x = raws[a].number!, y = raws[b].number!
            if x != y { return direction == .lower ? x < y : x > y }
            return a < b
        }
        var index = 0
        while index < sorted.count {
            let anchor = sorted[index]
            var group = [anchor]
            var next = index + 1
            while next < sorted.count, raws[sorted[next]].interval!.overlaps(raws[anchor].interval!) {
                group.append(sorted[next])
                next += 1
            }
            if group.count > 1 {
                let mean = group.map { raws[$0].number! }.reduce(0, +) / Double(group.count)
                for g in group {
                    out[g].number = mean
                    groups[g] = group.filter { $0 != g }.sorted()
                }
            }
            index = next
        }
        return (out, groups)
    }
}

extension Normalization {
    /// Whether the normalization reads numbers (a `map` reads categories, where noise does not apply).
    var isNumeric: Bool {
        if case .map = self { return false }
        return true
    }
}
