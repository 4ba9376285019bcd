/// One recorded run without its observations: what choosing the evidence and listing the history need, read from
/// the ledger's index instead of the whole run.
public struct RunSummary: Hashable, Sendable {
    public var id: String
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    /// Repetitions asked for (`--repeat`).
    public var repetitions: Int
    public var provenance: Provenance
    /// What the run observed of each stage and tool, sorted by stage then tool (UTF-8 order).
    public var parts: [Part]

    /// One stage and tool of a run.
    public struct Part: Hashable, Sendable {
        public var stage: String
        public var tool: String
        public var observations: Int
        /// Distinct repetitions observed.
        public var repetitions: Int
        /// Distinct repetitions with at least one step ok.
        public var okRepetitions: Int
        /// The steps observed in as many distinct repetitions as the run asked for, sorted (UTF-8 order).
        public var fullSteps: [String]

        public init(stage: String, tool: String, observations: Int, repetitions: Int, okRepetitions: Int, fullSteps: [String]) {
            self.stage = stage
            self.tool = tool
            self.observations = observations
            self.repetitions = repetitions
            self.okRepetitions = okRepetitions
            self.fullSteps = fullSteps
        }

        /// Whether every one of `steps` was observed in every repetition the run asked for.
        public func covers(_ steps: [String]) -> Bool { steps.allSatisfy { fullSteps.contains($0) } }
    }

    /// The one observed step a part is made from (of an observation, or of a ledger row).
    public struct Step: Sendable {
        public var stage: String
        public var tool: String
        public var step: String
        public var repetition: Int
        public var ok: Bool

        public init(stage: String, tool: String, step: String, repetition: Int, ok: Bool) {
            self.stage = stage
            self.tool = tool
            self.step = step
            self.repetition = repetition
            self.ok = ok
        }
    }

    public init(
        id: String, startedAt: String, endedAt: String?, status: RunStatus, repetitions: Int, provenance: Provenance,
        parts: [Part]
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.repetitions = repetitions
        self.provenance = provenance
        self.parts = parts
    }

    /// What the run measured, `stage: tool, tool; stage: tool` by id: the evidence page's and data/runs.csv's column.
    public var measured: String { Self.measured(parts.map { ($0.stage, $0.tool) }) }

    /// `stage: tool, tool; stage: tool` for these stage and tool ids, each once, sorted (UTF-8 order): how a run's
    /// reach is written on the evidence page, in data/runs.csv and by `bakeoff evidence list`.
    public static func measured(_ tools: [(stage: String, tool: String)]) -> String {
        var byStage: [String: Set<String>] = [:]
        for (stage, tool) in tools { byStage[stage, default: []].insert(tool) }
        func utf8Order(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        return byStage.keys.sorted(by: utf8Order).map { stage in
            "\(stage): \(byStage[stage]!.sorted(by: utf8Order).joined(separator: ", "))"
        }.joined(separator: "; ")
    }

    /// The summary of a run held in full.
    public init(_ run: Run) {
        self.init(
            id: run.id, startedAt: run.startedAt, endedAt: run.endedAt, status: run.status, repetitions: run.repetitions,
            provenance: run.provenance,
            parts: Self.parts(
                run.observations.map { Step(stage: $0.stage, tool: $0.tool, step: $0.step, repetition: $0.repetition, ok: $0.status == .ok) },
                repetitions: run.repetitions))
    }

    /// The parts of a run whose observations are `steps` and which asked for `repetitions`: the one rule, for runs
    /// in memory and for the ledger's index.
    public static func parts(_ steps: [Step], repetitions: Int) -> [Part] {
        struct Tally {
            var observations = 0
            var repetitions: Set<Int> = []
            var ok: Set<Int> = []
            var byStep: [String: Set<Int>] = [:]
        }
        var tallies: [[String]: Tally] = [:]
        for s in steps {
            var t = tallies[[s.stage, s.tool]] ?? Tally()
            t.observations += 1
            t.repetitions.insert(s.repetition)
            if s.ok { t.ok.insert(s.repetition) }
            t.byStep[s.step, default: []].insert(s.repetition)
            tallies[[s.stage, s.tool]] = t
        }
        let needed = max(1, repetitions)
        return tallies.map { key, t in
            Part(
                stage: key[0], tool: key[1], observations: t.observations, repetitions: t.repetitions.count,
                okRepetitions: t.ok.count,
                fullSteps: t.byStep.filter { $0.value.count >= needed }.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }.sorted { a, b in
            a.stage != b.stage ? a.stage.utf8.lexicographicallyPrecedes(b.stage.utf8) : a.tool.utf8.lexicographicallyPrecedes(b.tool.utf8)
        }
    }

    /// Observations over every part.
    public var observationCount: Int { parts.reduce(0) { $0 + $1.observations } }

    /// The run's part for one stage and tool; nil when it observed nothing there.
    public func part(stage: String, tool: String) -> Part? { parts.first { $0.stage == stage && $0.tool == tool } }

    /// `CPU model, N cores`: the machine, as the evidence set compares machines.
    public var machine: String { "\(provenance.cpuModel), \(provenance.cores) cores" }
}

/// The recorded runs as commands read them: every run summarized (the history), and in full only the runs the
/// evaluation reads, so a project with years of runs loads what one decision needs.
public struct RunHistory: Sendable {
    /// Every recorded run, sorted by start time then id.
    public let summaries: [RunSummary]
    /// Every recorded run id.
    public let ids: Set<String>
    /// The runs held in full, by id.
    private var loaded: [String: Run]
    /// `stage␀tool` → where its parts are (summary, part), newest run first.
    private let byStageTool: [String: [(run: Int, part: Int)]]

    /// Every run held in full (tests, benchmarks, a project in memory).
    public init(_ runs: [Run]) {
        self.init(summaries: runs.map(RunSummary.init), runs: runs)
    }

    /// `summaries` of every run, and `runs` in full: at least the ones the evaluation reads.
    public init(summaries: [RunSummary], runs: [Run] = []) {
        let sorted = summaries.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        var byStageTool: [String: [(run: Int, part: Int)]] = [:]
        for (r, summary) in sorted.enumerated().reversed() {
            for (p, part) in summary.parts.enumerated() { byStageTool[Self.key(part.stage, part.tool), default: []].append((r, p)) }
        }
        self.summaries = sorted
        self.ids = Set(sorted.map(\.id))
        self.byStageTool = byStageTool
        self.loaded = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The same history, holding `runs` in full (in place of the runs it held).
    public func holding(_ runs: [Run]) -> RunHistory {
        var copy = self
        copy.loaded = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return copy
    }

    /// No run recorded.
    public static let empty = RunHistory([])

    /// A guess, before the project is known, at the runs an evaluation reads in full: for each stage and tool its
    /// newest run and its newest complete one. A reader that fetches these early checks the guess against the
    /// evaluation's own pick (`Evaluation.runIDs`) and reads again when the guess missed (a pin, an older run).
    public var likelyEvidence: Set<String> {
        var ids: Set<String> = []
        for parts in byStageTool.values {
            guard let newest = parts.first else { continue }
            ids.insert(summaries[newest.run].id)
            if let complete = parts.first(where: { summaries[$0.run].status == .complete }) { ids.insert(summaries[complete.run].id) }
        }
        return ids
    }

    /// The ids of the runs held in full.
    public var heldIDs: Set<String> { Set(loaded.keys) }

    public var isEmpty: Bool { summaries.isEmpty }

    /// A run held in full; nil when it was only summarized (or never recorded).
    public func run(_ id: String) -> Run? { loaded[id] }

    /// The runs held in full, sorted by start time then id.
    public var runs: [Run] { loaded.values.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) } }

    /// The runs that observed `tool` in `stage`, newest first, each with its part there.
    public func newestFirst(stage: String, tool: String)
        -> LazyMapCollection<[(run: Int, part: Int)], (run: RunSummary, part: RunSummary.Part)>
    {
        let summaries = self.summaries
        return (byStageTool[Self.key(stage, tool)] ?? []).lazy.map { (summaries[$0.run], summaries[$0.run].parts[$0.part]) }
    }

    /// Every run's part in `stage`, one per run and tool.
    public func parts(stage: String) -> [RunSummary.Part] {
        byStageTool.filter { $0.key.hasPrefix(stage + "\u{0}") }.values.flatMap { $0.map { summaries[$0.run].parts[$0.part] } }
    }

    private static func key(_ stage: String, _ tool: String) -> String { stage + "\u{0}" + tool }
}
