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

    /// The selection from the history's summaries, with the selected runs' observations from the runs it holds
    /// in full (every selected run must be among them: load `EvidenceSet.selection(project:history:pins:).runIDs`).
    public init(project: Project, history: RunHistory, pins: [String] = []) {
        self.init(project: project, history: history, pins: pins, observations: true)
    }

    /// The selection alone, from the history's summaries: which run each tool's evidence comes from, the
    /// warnings, and `runIDs`, the runs a loader must then read in full. No observations.
    public static func selection(project: Project, history: RunHistory, pins: [String] = []) -> EvidenceSet {
        EvidenceSet(project: project, history: history, pins: pins, observations: false)
    }

    private init(project: Project, history: RunHistory, pins: [String], observations withObservations: Bool) {
        let pinned = Set(pins + project.team.pinnedRuns)
        var used: Set<String> = []
        for stage in project.assessedStages {
            let steps = stage.scenario?.steps.map(\.id) ?? []
            var stageWarnings: [String] = []
            var chosen: [(tool: String, selection: Selection)] = []
            for tool in stage.candidates.map(\.id).sorted() {
                let candidates = history.newestFirst(stage: stage.id, tool: tool)
                guard let newest = candidates.first else { continue }
                func isComplete(_ c: (run: RunSummary, part: RunSummary.Part)) -> Bool {
                    c.run.status == .complete && c.part.covers(steps)
                }
                let pick =
                    (pinned.isEmpty ? nil : candidates.first { pinned.contains($0.run.id) })
                    ?? candidates.first(where: isComplete)
                    ?? newest
                let complete = isComplete(pick)
                let passed: [String] = candidates.prefix { $0.run.id != pick.run.id }.map { c in
                    "\(c.run.id) (\(Self.why(c.run.status, complete: isComplete(c))))"
                }
                let selection = Selection(
                    runID: pick.run.id, complete: complete, pinned: pinned.contains(pick.run.id),
                    repetitions: pick.part.repetitions, machine: pick.run.machine, passedOver: passed)
                selections[Self.key(stage.id, tool)] = selection
                if withObservations {
                    guard let run = history.run(pick.run.id) else {
                        preconditionFailure("run \(pick.run.id) is selected but was not loaded: load EvidenceSet.selection(project:history:pins:).runIDs")
                    }
                    let observations = run.observations.filter { $0.stage == stage.id && $0.tool == tool }
                    for o in observations.sorted(by: { ($0.step, $0.repetition) < ($1.step, $1.repetition) }) {
                        observationsByStep[Self.key(stage.id, tool, o.step), default: []].append(o)
                    }
                }
                used.insert(pick.run.id)
                chosen.append((tool, selection))
                if !complete {
                    stageWarnings.append("\(tool) has no complete run: its evidence comes from \(pick.run.id), which is \(Self.why(pick.run.status, complete: false))")
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

    static func why(_ status: RunStatus, complete: Bool) -> String {
        if status != .complete { return "a run that ended \(status.rawValue)" }
        return complete ? "complete" : "partial: not every step or repetition"
    }
}
