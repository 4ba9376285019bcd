import BakeoffModel

/// One tool's raw value for one indicator, before normalization.
struct RawIndicator: Sendable {
    /// The number a numeric normalization uses; nil when unknown or categorical only.
    var number: Double?
    /// The categories a `map` normalization looks up (a text, `true`/`false`, a formatted number, or a list's items).
    var categories: [String]
    var display: String
    var spread: Spread?
    var evidence: [EvidenceReference]
    /// The tool ran but could not do the step the indicator measures (unsupported, failed, timed out): the
    /// indicator then scores 0, never unknown, because coverage is evidence.
    var notDone: String? = nil
    /// The measured repetitions behind `number` (warm ones), for the bootstrap of the Monte Carlo.
    var samples: [Double] = []
    /// The interval the measurement's noise allows: [min, max] of the repetitions, or the step's own reported
    /// interval (`NAME_lo`/`NAME_hi` metrics); nil for facts.
    var interval: ClosedRange<Double>? = nil

    var isKnown: Bool { number != nil || !categories.isEmpty }

    static func unknown(_ why: String, evidence: [EvidenceReference] = []) -> RawIndicator {
        RawIndicator(number: nil, categories: [], display: "unknown (\(why))", spread: nil, evidence: evidence)
    }
}

/// Reads raw indicator values from observations, facts, the cost model and the integrations fact.
///
/// Measurements come from the stage's `EvidenceSet` only: one run per tool, its repetitions pooled. The value
/// is the median of the warm repetitions (repetition > 1) when there are any, else the cold one; the spread
/// reports n, min, max, MAD, the cold value and whether it is wide. A step the tool ran but could not do counts
/// against it (`notDone`); a negative duration (a difference of two noisy timings) is never scored.
struct IndicatorReader {
    let project: Project
    let stage: Stage
    let evidence: EvidenceSet
    /// The other assessed stages' candidates (what `integrations` counts), by id.
    let otherStagesCandidates: [String: Tool]

    init(project: Project, stage: Stage, evidence: EvidenceSet, assessed: [Stage]) {
        self.project = project
        self.stage = stage
        self.evidence = evidence
        var others: [String: Tool] = [:]
        for s in assessed where s.id != stage.id {
            for t in s.candidates { others[t.id] = t }
        }
        otherStagesCandidates = others
    }

    /// Whether the indicator is scored in this stage: listed stages, or for a step measurement, a stage whose
    /// scenario has that step; `capability` needs a scenario. Facts, cost and integrations apply everywhere, so a
    /// missing fact lowers confidence instead of vanishing.
    func applies(_ indicator: Indicator) -> Bool {
        if !indicator.stages.isEmpty { return indicator.stages.contains(stage.id) }
        switch indicator.source {
        case .step(let id, _): return stage.scenario?.steps.contains { $0.id == id } ?? false
        case .capability: return !(stage.scenario?.steps.isEmpty ?? true)
        case .fact, .totalCostOfOwnership, .integrationCount: return true
        }
    }

    func read(_ indicator: Indicator, tool: Tool) -> (RawIndicator, CostBreakdown?) {
        switch indicator.source {
        case .step(let step, let measure): return (measurement(tool: tool.id, step: step, measure: measure, unit: indicator.unit), nil)
        case .fact(let key): return (fact(key, tool: tool, unit: indicator.unit), nil)
        case .capability: return (capability(tool: tool.id), nil)
        case .integrationCount: return (integrations(tool: tool), nil)
        case .totalCostOfOwnership:
            let calculator = CostCalculator(
                model: project.costModel, company: project.team.company, assumedSeatPrices: project.team.assumedSeatPrices)
            let result = calculator.breakdown(stage: stage.id, tool: tool)
            switch result {
            case .known(let breakdown, let evidence):
                return (RawIndicator(number: breakdown.totalUSD, categories: [], display: Numbers.dollars(breakdown.totalUSD), spread: nil, evidence: evidence), breakdown)
            case .unknown(let why, let evidence):
                return (.unknown(why, evidence: evidence), nil)
            }
        }
    }

    // MARK: measurements

    func measurement(tool: String, step: String, measure: Measure, unit: String) -> RawIndicator {
        guard let selection = evidence.selection(stage: stage.id, tool: tool) else { return .unknown("never ran") }
        let observed = evidence.observations(stage: stage.id, tool: tool, step: step)
        let ref: [EvidenceReference] = [.observations(stage: stage.id, tool: tool, step: step, runs: [selection.runID])]
        guard !observed.isEmpty else {
            return .unknown("\(step) not in run \(selection.runID)", evidence: ref)
        }
        let ok = observed.filter { $0.status == .ok }
        if ok.isEmpty {
            let worst = ObservationStatus.worst(observed.map(\.status)) ?? .failed
            let reason = observed.first { $0.status == worst }?.reason.map { ": " + Self.short($0) } ?? ""
            var raw = RawIndicator.unknown("", evidence: ref)
            raw.display = "not done (\(worst.rawValue)\(reason))"
            raw.notDone = worst.rawValue
            return raw
        }
        let values = ok.compactMap { o in Self.value(o, measure).map { (repetition: o.repetition, value: $0) } }
        guard let s = RepetitionSpread.of(values) else { return .unknown("no \(measure.name) in the ok observations of \(step)", evidence: ref) }
        if s.median < 0, Self.isDuration(unit) {
            return .unknown("median \(Numbers.format(s.median)) \(unit) is negative: the difference of two timings is inside their noise; not scored", evidence: ref)
        }
        let spread = Spread(n: s.n, min: s.min, max: s.max, mad: s.mad, cold: s.cold, wide: s.isWide)
        let shown = measure == .memory ? Numbers.bytes(Int64(s.median.rounded())) : Self.withUnit(s.median, unit)
        let warm = values.filter { $0.repetition > 1 }.map(\.value)
        var interval: ClosedRange<Double> = s.min...s.max
        var reported = ""
        if case .metric(let name) = measure {
            let lo = ok.compactMap { $0.metrics[name + "_lo"] }.sorted(), hi = ok.compactMap { $0.metrics[name + "_hi"] }.sorted()
            if !lo.isEmpty, !hi.isEmpty {
                let l = RepetitionSpread.median(lo), h = RepetitionSpread.median(hi)
                if l <= h {
                    interval = min(l, s.min)...max(h, s.max)
                    // The step's own interval (e.g. a Wilson interval over seeds), shown with the value.
                    reported = ", interval \(Numbers.format(l))–\(Numbers.format(h))"
                }
            }
        }
        return RawIndicator(
            number: s.median, categories: [], display: shown + " (n=\(s.n)\(reported))", spread: spread, evidence: ref,
            samples: warm.isEmpty ? [s.median] : warm, interval: interval)
    }

    /// A reason cut to one short line, for a table cell.
    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 90 ? String(line.prefix(89)) + "…" : line
    }

    /// Whether a unit is a time (a negative value of it is noise, never a result).
    static func isDuration(_ unit: String) -> Bool {
        let first = unit.split(separator: " ").first.map(String.init) ?? ""
        return ["s", "ms", "seconds", "second", "min", "minutes", "h", "hours"].contains(first)
    }

    static func value(_ o: Observation, _ measure: Measure) -> Double? {
        switch measure {
        case .wall: o.wallSeconds
        case .cpu: o.cpuSeconds
        case .memory: o.peakMemoryBytes.map(Double.init)
        case .metric(let name): o.metrics[name]
        }
    }

    static func withUnit(_ value: Double, _ unit: String) -> String {
        unit.isEmpty ? Numbers.format(value) : "\(Numbers.format(value)) \(unit)"
    }

    // MARK: capability

    /// Share of the scenario's steps whose every observation in the tool's selected run is `ok`.
    func capability(tool: String) -> RawIndicator {
        let steps = stage.scenario?.steps.map(\.id) ?? []
        guard let selection = evidence.selection(stage: stage.id, tool: tool) else { return .unknown("never ran") }
        let ok = Coverage.count(steps: steps) { evidence.observations(stage: stage.id, tool: tool, step: $0) }.done
        let share = Double(ok) / Double(steps.count)
        return RawIndicator(
            number: share, categories: [], display: "\(ok) of \(steps.count) steps done", spread: nil,
            evidence: steps.map { .observations(stage: stage.id, tool: tool, step: $0, runs: [selection.runID]) })
    }

    // MARK: facts

    func fact(_ key: String, tool: Tool, unit: String) -> RawIndicator {
        guard let fact = tool.fact(key) else { return .unknown("no \(key) fact") }
        let evidence: [EvidenceReference] = [.fact(stage: stage.id, tool: tool.id, key: key, source: fact.source, asOf: fact.asOf)]
        switch fact.value {
        case .number(let n):
            return RawIndicator(number: n, categories: [Numbers.format(n)], display: Self.withUnit(n, unit), spread: nil, evidence: evidence)
        case .flag(let b):
            return RawIndicator(number: b ? 1 : 0, categories: [b ? "true" : "false"], display: b ? "yes" : "no", spread: nil, evidence: evidence)
        case .text(let s):
            return RawIndicator(number: Double(s), categories: [s], display: s, spread: nil, evidence: evidence)
        case .list(let items):
            return RawIndicator(
                number: Double(items.count), categories: items, display: items.isEmpty ? "none" : items.joined(separator: ", "),
                spread: nil, evidence: evidence)
        }
    }

    /// How many candidates of the team's other assessed stages the tool integrates with, counted both ways: the
    /// ones its own `integrations` fact lists and the ones whose fact lists it. Unknown only when neither side
    /// says anything; `integrations: []` with a source is a sourced "none", so 0.
    func integrations(tool: Tool) -> RawIndicator {
        var evidence: [EvidenceReference] = []
        var matched: Set<String> = []
        if let fact = tool.fact("integrations") {
            evidence.append(.fact(stage: stage.id, tool: tool.id, key: "integrations", source: fact.source, asOf: fact.asOf))
            matched.formUnion((fact.value.list ?? [fact.value.description]).filter { otherStagesCandidates[$0] != nil })
        }
        for other in otherStagesCandidates.values.sorted(by: { $0.id < $1.id }) {
            guard let fact = other.fact("integrations"), (fact.value.list ?? []).contains(tool.id) else { continue }
            matched.insert(other.id)
            let otherStage = project.assessedStages.first { $0.candidates.contains { $0.id == other.id } }?.id ?? stage.id
            evidence.append(.fact(stage: otherStage, tool: other.id, key: "integrations", source: fact.source, asOf: fact.asOf))
        }
        guard !evidence.isEmpty else { return .unknown("no integrations fact, and no other stage's candidate lists it") }
        let sorted = matched.sorted()
        let display = sorted.isEmpty ? "0 tools" : "\(sorted.count) (\(sorted.joined(separator: ", ")))"
        return RawIndicator(number: Double(sorted.count), categories: [], display: display, spread: nil, evidence: evidence)
    }
}
