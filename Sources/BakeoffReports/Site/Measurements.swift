import BakeoffModel

/// Descriptive statistics of one step of one tool, straight from the observations: what a results table or
/// a timing chart shows. (Scores come from the Scoreboard; this only describes what was measured.)
public struct StepMeasurement: Hashable, Sendable {
    public var stage: String
    public var tool: String
    public var step: String
    /// The outcome in the latest run that reached the step; nil when it never ran.
    public var status: ObservationStatus?
    /// Why it was unsupported, skipped, failed or timed out (from the latest run).
    public var reason: String?
    /// Runs holding observations of this step, sorted.
    public var runs: [String]
    public var wall: Summary?
    public var memory: Summary?
    /// Every observation, sorted by run, then repetition.
    public var observations: [Observation]

    /// Median, range and count of warm repetitions (all repetitions when there is only one), plus the cold run.
    public struct Summary: Hashable, Sendable {
        public var median: Double
        public var min: Double
        public var max: Double
        public var n: Int
        public var cold: Double?
    }
}

/// Groups the observations of the evaluation's evidence set by stage, tool and step: only the run the scoring
/// read for each tool, so a results table, a chart and an indicator show the same number.
public struct Measurements: Sendable {
    private var table: [String: StepMeasurement] = [:]

    /// `selection`: `stage/tool` → run id (the scoreboard's `evidenceSelection`); nil keeps every run.
    public init(runs: [Run], selection: [String: String]? = nil) {
        var grouped: [String: [Observation]] = [:]
        var runStart: [String: String] = [:]
        for run in runs {
            runStart[run.id] = run.startedAt
            for observation in run.observations {
                if let selection, selection["\(observation.stage)/\(observation.tool)"] != run.id { continue }
                grouped[Self.key(observation.stage, observation.tool, observation.step), default: []].append(observation)
            }
        }
        for (key, list) in grouped {
            let sorted = list.sorted {
                (runStart[$0.runID] ?? "", $0.runID, $0.repetition) < (runStart[$1.runID] ?? "", $1.runID, $1.repetition)
            }
            let first = sorted[0]
            let latestRun = sorted.last!.runID
            let latest = sorted.filter { $0.runID == latestRun }
            let status = ObservationStatus.worst(latest.map(\.status))
            let reason = latest.first { $0.status == status && $0.reason != nil }?.reason
            let runIDs = Array(Set(sorted.map(\.runID))).sorted()
            let ok = sorted.filter { $0.status == .ok }
            table[key] = StepMeasurement(
                stage: first.stage, tool: first.tool, step: first.step, status: status, reason: reason, runs: runIDs,
                wall: Self.summary(ok, \.wallSeconds),
                memory: Self.summary(ok) { $0.peakMemoryBytes.map(Double.init) },
                observations: sorted)
        }
    }

    static func key(_ stage: String, _ tool: String, _ step: String) -> String { "\(stage)\u{1F}\(tool)\u{1F}\(step)" }

    /// What was measured for one step of one tool; nil when it never ran.
    public func measurement(stage: String, tool: String, step: String) -> StepMeasurement? {
        table[Self.key(stage, tool, step)]
    }

    /// Every measurement of a stage, sorted by tool then step.
    public func measurements(stage: String) -> [StepMeasurement] {
        table.values.filter { $0.stage == stage }.sorted { ($0.tool, $0.step) < ($1.tool, $1.step) }
    }

    /// The one repetition rule (`RepetitionSpread`): warm repetitions pooled, the cold one apart.
    static func summary(_ observations: [Observation], _ value: (Observation) -> Double?) -> StepMeasurement.Summary? {
        let values = observations.compactMap { o in value(o).map { (repetition: o.repetition, value: $0) } }
        guard let s = RepetitionSpread.of(values) else { return nil }
        return .init(median: s.median, min: s.min, max: s.max, n: s.n, cold: s.cold)
    }
}
