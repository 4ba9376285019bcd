import BakeoffModel
import Foundation

/// Where a run's evidence goes, the moment it exists: a small struct of closures, so the runner needs
/// no ledger (the command wires it to one; tests collect into arrays).
public struct RunRecorder: Sendable {
    public var began: @Sendable (Run) throws -> Void
    public var environment: @Sendable (EnvironmentRecord) throws -> Void
    public var observed: @Sendable (Observation) throws -> Void
    public var finished: @Sendable (RunStatus, String) throws -> Void

    public init(
        began: @escaping @Sendable (Run) throws -> Void, environment: @escaping @Sendable (EnvironmentRecord) throws -> Void,
        observed: @escaping @Sendable (Observation) throws -> Void, finished: @escaping @Sendable (RunStatus, String) throws -> Void
    ) {
        self.began = began
        self.environment = environment
        self.observed = observed
        self.finished = finished
    }

    /// Records nothing.
    public static let discard = RunRecorder(began: { _ in }, environment: { _ in }, observed: { _ in }, finished: { _, _ in })
}

/// One step about to run, for progress reports.
public struct StepTicket: Sendable {
    public var index: Int
    public var total: Int
    public var stage: String
    public var tool: String
    public var step: String
    public var repetition: Int
}

/// What the runner tells a progress display.
public struct RunProgress: Sendable {
    public var environment: @Sendable (_ stage: String, _ tool: String, _ what: String) -> Void
    public var started: @Sendable (StepTicket) -> Void
    public var tick: @Sendable (StepTicket, Double) -> Void
    public var finished: @Sendable (StepTicket, Observation) -> Void

    public init(
        environment: @escaping @Sendable (String, String, String) -> Void, started: @escaping @Sendable (StepTicket) -> Void,
        tick: @escaping @Sendable (StepTicket, Double) -> Void, finished: @escaping @Sendable (StepTicket, Observation) -> Void
    ) {
        self.environment = environment
        self.started = started
        self.tick = tick
        self.finished = finished
    }

    public static let silent = RunProgress(environment: { _, _, _ in }, started: { _ in }, tick: { _, _ in }, finished: { _, _ in })
}

/// How a run is carried out.
public struct RunOptions: Sendable {
    public var repetitions: Int
    /// Replaces every scenario step's timeout when set.
    public var timeoutOverride: Double?
    /// Seconds between TERM and KILL.
    public var grace: Double
    public var bakeoffVersion: String
    public var environments: EnvironmentBuilder
    /// Work dirs go under `<workFolder>/<run id>/`.
    public var workFolder: String
    /// nil: probe once per run.
    public var sandbox: NetworkSandbox?
    /// Keep every work dir (by default only those of repetitions with a failed step are kept).
    public var keepWork: Bool
    /// How long each of the three tries of the calibration loop runs (`Provenance.calibration`).
    public var calibrationSeconds: Double

    public init(
        repetitions: Int = 3, timeoutOverride: Double? = nil, grace: Double = 5, bakeoffVersion: String,
        environments: EnvironmentBuilder, workFolder: String, sandbox: NetworkSandbox? = nil, keepWork: Bool = false,
        calibrationSeconds: Double = 0.1
    ) {
        self.repetitions = repetitions
        self.timeoutOverride = timeoutOverride
        self.grace = grace
        self.bakeoffVersion = bakeoffVersion
        self.environments = environments
        self.workFolder = workFolder
        self.sandbox = sandbox
        self.keepWork = keepWork
        self.calibrationSeconds = calibrationSeconds
    }
}

/// Executes a plan: environments first, then per stage the repetitions, tools interleaved round robin
/// (rep 1: A, B, C; rep 2: A, B, C; ...), each step measured and recorded the moment it ends.
public final class Runner: @unchecked Sendable {
    public let options: RunOptions
    public let recorder: RunRecorder
    public let progress: RunProgress
    public let interruption = Interruption()

    public init(options: RunOptions, recorder: RunRecorder, progress: RunProgress = .silent) {
        self.options = options
        self.recorder = recorder
        self.progress = progress
    }

    /// Stops the running steps and ends the run as interrupted (for SIGINT/SIGTERM handlers).
    public func interrupt() { interruption.request() }

    /// Runs `plan` and returns the run with everything it measured. Throws only what the recorder throws.
    public func run(_ plan: RunPlan) throws -> Run {
        let startDate = Date()
        let sandbox = options.sandbox ?? NetworkSandbox.probe()
        defer { if options.sandbox == nil { sandbox.close() } }
        let provenance = ProvenanceProbe.probe(
            projectRoot: plan.projectRoot, bakeoffVersion: options.bakeoffVersion, network: sandbox.description,
            installEnvironment: options.environments.installEnvironment, calibrationSeconds: options.calibrationSeconds)
        var run = Run(
            id: ProvenanceProbe.runID(at: startDate), startedAt: ProvenanceProbe.iso(startDate), endedAt: nil,
            status: .running, repetitions: options.repetitions, provenance: provenance, environments: [], observations: [])
        try recorder.began(run)

        // Reasons and stderr are committed and published: no paths of this machine in them.
        let paths = MachinePaths(
            projectRoot: plan.projectRoot, home: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory())
        let total = plan.entries.reduce(0) { $0 + $1.adapters.count * $1.scenario.steps.count } * options.repetitions
        var index = 0
        let runFolder = "\(options.workFolder)/\(run.id)"
        // Every step can import bakeoff_step (the verdict protocol): written once, last on each step's PYTHONPATH.
        let stepModuleFolder = "\(runFolder)/python"
        try? BakeoffStepModule.write(into: stepModuleFolder)
        defer {
            // It goes with the run folder, unless kept work dirs are beside it (to rerun a step by hand).
            if (try? FileManager.default.contentsOfDirectory(atPath: runFolder)) == ["python"] {
                try? FileManager.default.removeItem(atPath: runFolder)
            }
        }
        stages: for entry in plan.entries {
            var prepared: [String: PreparedEnvironment] = [:]
            for adapter in entry.adapters {
                if interruption.isRequested { break stages }
                if let reason = entry.blocked[adapter.tool] {
                    progress.environment(entry.stage.id, adapter.tool, "cannot run: \(reason)")
                    prepared[adapter.tool] = PreparedEnvironment(
                        record: EnvironmentRecord(
                            stage: entry.stage.id, tool: adapter.tool, kind: "python", lockHash: "", toolVersion: "unknown",
                            installSeconds: nil, sizeBytes: 0, distributions: 0, packages: []),
                        venv: nil, problem: reason)
                    continue
                }
                let cached = options.environments.isCached(stage: entry.stage.id, adapter: adapter, adapterFolder: plan.folder(of: adapter))
                progress.environment(entry.stage.id, adapter.tool, cached ? "reusing environment" : "preparing environment")
                let env = options.environments.prepare(
                    stage: entry.stage.id, adapter: adapter, adapterFolder: plan.folder(of: adapter), interruption: interruption)
                if interruption.isRequested { break stages }
                prepared[adapter.tool] = env
                if let problem = env.problem {
                    progress.environment(entry.stage.id, adapter.tool, "cannot run: \(problem)")
                } else {
                    run.environments.append(env.record)
                    try recorder.environment(env.record)
                    let how = env.record.installSeconds.map { String(format: "installed in %.1f s", $0) } ?? "reused"
                    progress.environment(entry.stage.id, adapter.tool, "\(adapter.tool) \(env.record.toolVersion) \(how)")
                }
            }
            for repetition in 1...max(1, options.repetitions) {
                for adapter in entry.adapters {
                    let work = "\(runFolder)/\(entry.stage.id)/\(adapter.tool)/rep-\(repetition)"
                    var failedStep: String?
                    var keep = options.keepWork
                    for step in entry.scenario.steps {
                        if interruption.isRequested { break stages }
                        index += 1
                        let ticket = StepTicket(
                            index: index, total: total, stage: entry.stage.id, tool: adapter.tool, step: step.id,
                            repetition: repetition)
                        let context = StepContext(
                            runID: run.id, stage: entry.stage.id, tool: adapter.tool, step: step, repetition: repetition,
                            adapterFolder: plan.folder(of: adapter), work: work, venv: prepared[adapter.tool]?.venv,
                            parameters: entry.scenario.parameters, adapterEnvironment: adapter.environment,
                            timeout: options.timeoutOverride ?? step.timeoutSeconds, grace: options.grace, sandbox: sandbox,
                            stepModuleFolder: stepModuleFolder)
                        progress.started(ticket)
                        let result: StepResult
                        if let problem = prepared[adapter.tool]?.problem {
                            result = StepResult(
                                observation: context.observation(.failed, startedAt: ProvenanceProbe.iso(Date()), reason: problem),
                                interrupted: false)
                        } else if let failedStep {
                            result = StepResult(
                                observation: context.observation(
                                    .skipped, startedAt: ProvenanceProbe.iso(Date()), reason: "an earlier step failed: \(failedStep)"),
                                interrupted: false)
                        } else {
                            makeWorkFolder(work)
                            let progress = self.progress
                            let executor = StepExecutor(interruption: interruption) { progress.tick(ticket, $0) }
                            result = executor.execute(adapter.steps[step.id], in: context)
                        }
                        // An interrupted step's numbers are the user's doing, not the tool's: not evidence.
                        if result.interrupted || interruption.isRequested { break stages }
                        var o = result.observation
                        o.reason = o.reason.map(paths.scrub)
                        o.stderrTail = paths.scrub(o.stderrTail)
                        run.observations.append(o)
                        try recorder.observed(o)
                        progress.finished(ticket, o)
                        if o.status == .failed || o.status == .timeout {
                            failedStep = failedStep ?? step.id
                            keep = true
                        }
                    }
                    if !keep {
                        try? FileManager.default.removeItem(atPath: work)
                        // The tool's and stage's folders go too once empty (rmdir refuses otherwise).
                        rmdir("\(runFolder)/\(entry.stage.id)/\(adapter.tool)")
                        rmdir("\(runFolder)/\(entry.stage.id)")
                        rmdir(runFolder)
                    }
                }
            }
        }
        let endedAt = ProvenanceProbe.iso(Date())
        run.status = interruption.isRequested ? .interrupted : .complete
        run.endedAt = endedAt
        try recorder.finished(run.status, endedAt)
        return run
    }

    private func makeWorkFolder(_ work: String) {
        for sub in ["home", "tmp"] {
            try? FileManager.default.createDirectory(atPath: "\(work)/\(sub)", withIntermediateDirectories: true)
        }
    }
}
