import BakeoffModel

/// The one set of runs a stage's comparison reads: per tool, one run.
///
/// By default a tool's run is its newest *complete* run for the stage: the run ended `complete` and holds an
/// observation of every scenario step for the tool with the run's full repetition count. An interrupted,
/// abandoned or partial run never replaces a complete one; it is used only while the tool has no complete run,
/// and the selection then says so. A team pins runs for its final talk (`evidence.pin` in bakeoff.yaml or
/// `--pin RUN`): a pinned run that holds the tool's observations for the stage wins over every other.
/// Older runs are history, not extra samples: the tool version, lock or machine may have changed in between.
public struct EvidenceSet: Sendable {
    /// One tool's selected run in one stage.
    public struct Selection: Hashable, Sendable {
        public var runID: String
        /// True when the run is complete for this tool (every step, every repetition, run ended complete).
        public var complete: Bool
        public var pinned: Bool
        public var repetitions: Int
        public var machine: String
        /// Newer runs of this tool in this stage that were passed over, with why.
        public var passedOver: [String]
    }

    /// `stage␀tool` → the selection.
    private var selections: [String: Selection] = [:]
    /// `stage␀tool␀step` → the selected run's observations of that step, by repetition.
    private var observationsByStep: [String: [Observation]] = [:]
    /// Stage id → warnings about the set (mixed machines, mixed repetition counts, partial runs).
    public private(set) var warnings: [String: [String]] = [:]
    /// Every run id in any selection, sorted.
    public private(set) var runIDs: [String] = []

    public init(project: Project, runs: [Run], pins: [String] = []) {
        let pinned = Set(pins + project.team.pinnedRuns)
        let newestFirst = runs.sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
        var byStageTool: [String: [(run: Run, observations: [Observation])]] = [:]
        for run in newestFirst {
            var grouped: [String: [Observation]] = [:]
            for o in run.observations { grouped[Self.key(o.stage, o.tool), default: []].append(o) }
            for (k, list) in grouped { byStageTool[k, default: []].append((run, list)) }
        }
        var used: Set<String> = []
        for stage in project.assessedStages {
            let steps = stage.scenario?.steps.map(\.id) ?? []
            var stageWarnings: [String] = []
            var chosen: [(tool: String, selection: Selection)] = []
            for tool in stage.candidates.map(\.id).sorted() {
                let candidates = byStageTool[Self.key(stage.id, tool)] ?? []
                guard !candidates.isEmpty else { continue }
                func isComplete(_ c: (run: Run, observations: [Observation])) -> Bool {
                    guard c.run.status == .complete else { return false }
                    let reps = max(1, c.run.repetitions)
                    return steps.allSatisfy { step in
                        Set(c.observations.filter { $0.step == step }.map(\.repetition)).count >= reps
                    }
                }
                let pick =
                    candidates.first { pinned.contains($0.run.id) }
                    ?? candidates.first(where: isComplete)
                    ?? candidates[0]
                let complete = isComplete(pick)
                let passed = candidates.prefix { $0.run.id != pick.run.id }.map { c in
                    "\(c.run.id) (\(Self.why(c.run, complete: isComplete(c))))"
                }
                let selection = Selection(
                    runID: pick.run.id, complete: complete, pinned: pinned.contains(pick.run.id),
                    repetitions: Set(pick.observations.map(\.repetition)).count,
                    machine: Self.machine(pick.run.provenance), passedOver: passed)
                selections[Self.key(stage.id, tool)] = selection
                for o in pick.observations.sorted(by: { ($0.step, $0.repetition) < ($1.step, $1.repetition) }) {
                    observationsByStep[Self.key(stage.id, tool, o.step), default: []].append(o)
                }
                used.insert(pick.run.id)
                chosen.append((tool, selection))
                if !complete {
                    stageWarnings.append("\(tool) has no complete run: its evidence comes from \(pick.run.id), which is \(Self.why(pick.run, complete: false))")
                }
            }
            let machines = Set(chosen.map(\.selection.machine))
            if machines.count > 1 {
                let detail = chosen.map { "\($0.tool): \($0.selection.machine)" }.joined(separator: "; ")
                stageWarnings.append("the runs compared come from \(machines.count) different machines (\(detail)); timings may not be comparable")
            }
            let reps = Set(chosen.map(\.selection.repetitions))
            if reps.count > 1 {
                let detail = chosen.map { "\($0.tool) \($0.selection.repetitions)" }.joined(separator: ", ")
                stageWarnings.append("the runs compared have different repetition counts (\(detail)); re-run the stage with one --repeat")
            }
            if !stageWarnings.isEmpty { warnings[stage.id] = stageWarnings }
        }
        runIDs = used.sorted()
    }

    /// The tool's selected run in the stage; nil when the tool never ran there.
    public func selection(stage: String, tool: String) -> Selection? { selections[Self.key(stage, tool)] }

    /// The selected run's observations of one step (empty when the step never ran), by repetition.
    public func observations(stage: String, tool: String, step: String) -> [Observation] {
        observationsByStep[Self.key(stage, tool, step)] ?? []
    }

    /// Every selected observation of a stage, sorted by tool, step and repetition.
    public func observations(stage: String) -> [Observation] {
        observationsByStep.filter { $0.key.hasPrefix(stage + "\u{0}") }.values.flatMap { $0 }
            .sorted { ($0.tool, $0.step, $0.repetition) < ($1.tool, $1.step, $1.repetition) }
    }

    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{0}") }

    static func machine(_ p: Provenance) -> String { "\(p.cpuModel), \(p.cores) cores" }

    static func why(_ run: Run, complete: Bool) -> String {
        if run.status != .complete { return "a run that ended \(run.status.rawValue)" }
        return complete ? "complete" : "partial: not every step or repetition"
    }
}
