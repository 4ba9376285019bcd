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

    var isKnown: Bool { number != nil || !categories.isEmpty }

    static func unknown(_ why: String, evidence: [EvidenceReference] = []) -> RawIndicator {
        RawIndicator(number: nil, categories: [], display: "unknown (\(why))", spread: nil, evidence: evidence)
    }
}

/// Every run's observations grouped by stage, tool and step, newest run first: built once per scoring.
struct EvidenceIndex {
    struct IndexedRun {
        var id: String
        /// `stage␀tool␀step` → that step's observations in this run.
        var steps: [String: [Observation]]
        /// `stage␀tool` of every tool with any observation in this run.
        var tools: Set<String>
    }

    /// Newest first (by start time, then id).
    var runs: [IndexedRun]

    init(_ runs: [Run]) {
        self.runs = runs.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }.map { run in
            var steps: [String: [Observation]] = [:]
            var tools: Set<String> = []
            for o in run.observations {
                steps[Self.key(o.stage, o.tool, o.step), default: []].append(o)
                tools.insert(Self.key(o.stage, o.tool))
            }
            return IndexedRun(id: run.id, steps: steps, tools: tools)
        }
    }

    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{0}") }
}

/// Reads raw indicator values from observations, facts, the cost model and the integrations fact.
///
/// Measurements: for each tool and step, the most recent run (by start time, then id) holding at least one
/// `ok` observation of that step with the measure is used, and only that run: its repetitions are pooled.
/// The value is the median of the warm repetitions (repetition > 1) when there are any, else the cold one;
/// the spread reports n, min, max, MAD, the cold value and whether it is wide. Older runs are history, not
/// extra samples, because the tool version, lock file or machine may have changed between runs.
struct IndicatorReader {
    let project: Project
    let stage: Stage
    let evidence: EvidenceIndex
    /// Candidate ids of the other assessed stages (what `integrations` counts).
    let otherStagesCandidates: Set<String>

    init(project: Project, stage: Stage, evidence: EvidenceIndex, assessed: [Stage]) {
        self.project = project
        self.stage = stage
        self.evidence = evidence
        otherStagesCandidates = Set(assessed.filter { $0.id != stage.id }.flatMap { $0.candidates.map(\.id) })
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
            let result = CostCalculator(model: project.costModel, company: project.team.company).breakdown(stage: stage.id, tool: tool)
            switch result {
            case .known(let breakdown, let evidence):
                return (RawIndicator(number: breakdown.totalUSD, categories: [], display: CostCalculator.dollars(breakdown.totalUSD), spread: nil, evidence: evidence), breakdown)
            case .unknown(let why, let evidence):
                return (.unknown(why, evidence: evidence), nil)
            }
        }
    }

    // MARK: measurements

    func measurement(tool: String, step: String, measure: Measure, unit: String) -> RawIndicator {
        for run in evidence.runs {
            guard let observed = run.steps[EvidenceIndex.key(stage.id, tool, step)] else { continue }
            let values = observed.filter { $0.status == .ok }.compactMap { o in
                Self.value(o, measure).map { (repetition: o.repetition, value: $0) }
            }
            guard let s = RepetitionSpread.of(values) else { continue }
            let median = s.median
            let spread = Spread(n: s.n, min: s.min, max: s.max, mad: s.mad, cold: s.cold, wide: s.isWide)
            let shown = measure == .memory ? Numbers.bytes(Int64(median.rounded())) : Self.withUnit(median, unit)
            return RawIndicator(
                number: median, categories: [], display: shown + " (n=\(s.n))", spread: spread,
                evidence: [.observations(stage: stage.id, tool: tool, step: step, runs: [run.id])])
        }
        return .unknown("no ok measurement of \(step)")
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

    /// Share of the scenario's steps whose every observation in the tool's latest run is `ok`.
    func capability(tool: String) -> RawIndicator {
        let steps = stage.scenario?.steps.map(\.id) ?? []
        guard let run = evidence.runs.first(where: { $0.tools.contains(EvidenceIndex.key(stage.id, tool)) }) else {
            return .unknown("never ran")
        }
        var ok = 0
        for step in steps {
            let observed = run.steps[EvidenceIndex.key(stage.id, tool, step)] ?? []
            if !observed.isEmpty, observed.allSatisfy({ $0.status == .ok }) { ok += 1 }
        }
        let share = Double(ok) / Double(steps.count)
        return RawIndicator(
            number: share, categories: [], display: "\(ok)/\(steps.count) steps ok", spread: nil,
            evidence: steps.map { .observations(stage: stage.id, tool: tool, step: $0, runs: [run.id]) })
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

    /// How many candidates of the team's other assessed stages the `integrations` fact lists.
    func integrations(tool: Tool) -> RawIndicator {
        guard let fact = tool.fact("integrations") else { return .unknown("no integrations fact") }
        let items = fact.value.list ?? [fact.value.description]
        let matched = Set(items).intersection(otherStagesCandidates).sorted()
        let evidence: [EvidenceReference] = [.fact(stage: stage.id, tool: tool.id, key: "integrations", source: fact.source, asOf: fact.asOf)]
        let display = matched.isEmpty ? "0 tools" : "\(matched.count) (\(matched.joined(separator: ", ")))"
        return RawIndicator(number: Double(matched.count), categories: [], display: display, spread: nil, evidence: evidence)
    }
}
