import BakeoffModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Everything one step of one repetition needs.
public struct StepContext: Sendable {
    public var runID: String
    public var stage: String
    public var tool: String
    public var step: ScenarioStep
    public var repetition: Int
    /// The adapter folder, absolute.
    public var adapterFolder: String
    /// This repetition's work dir (cwd of every step), with `home/` and `tmp/` inside.
    public var work: String
    public var venv: String?
    public var parameters: [ScenarioParameter]
    public var adapterEnvironment: [String: String]
    public var timeout: Double
    public var grace: Double
    public var sandbox: NetworkSandbox
    /// The folder holding `bakeoff_step.py` (`BakeoffStepModule`), put last on the step's PYTHONPATH.
    public var stepModuleFolder: String?

    public init(
        runID: String, stage: String, tool: String, step: ScenarioStep, repetition: Int, adapterFolder: String,
        work: String, venv: String?, parameters: [ScenarioParameter], adapterEnvironment: [String: String],
        timeout: Double, grace: Double, sandbox: NetworkSandbox, stepModuleFolder: String?
    ) {
        self.runID = runID
        self.stage = stage
        self.tool = tool
        self.step = step
        self.repetition = repetition
        self.adapterFolder = adapterFolder
        self.work = work
        self.venv = venv
        self.parameters = parameters
        self.adapterEnvironment = adapterEnvironment
        self.timeout = timeout
        self.grace = grace
        self.sandbox = sandbox
        self.stepModuleFolder = stepModuleFolder
    }

    /// A blank observation of this step, to be filled in.
    func observation(_ status: ObservationStatus, startedAt: String, reason: String? = nil) -> Observation {
        Observation(
            runID: runID, stage: stage, tool: tool, step: step.id, repetition: repetition, status: status,
            startedAt: startedAt, reason: reason)
    }

    func environment(port: UInt16?) -> [String: String] {
        StepEnvironment.forStep(
            venv: venv, work: work, adapterFolder: adapterFolder, parameters: parameters, port: port,
            adapterEnvironment: adapterEnvironment, stepModuleFolder: stepModuleFolder)
    }

    func argv(_ command: [String], port: UInt16?) -> [String] {
        command.map {
            StepEnvironment.substitute($0, work: work, adapter: adapterFolder, port: port, parameters: parameters)
        }
    }
}

/// The result of one step: its observation, and whether the user interrupted it (then it is not evidence).
public struct StepResult: Sendable {
    public var observation: Observation
    public var interrupted: Bool
}

/// Runs one adapter step as real processes and measures it.
public struct StepExecutor: Sendable {
    public var interruption: Interruption
    /// Called about twice a second with the elapsed seconds of the running step.
    public var tick: @Sendable (Double) -> Void

    public init(interruption: Interruption = Interruption(), tick: @escaping @Sendable (Double) -> Void = { _ in }) {
        self.interruption = interruption
        self.tick = tick
    }

    /// Runs `step` (nil: the adapter has no entry for it) in `context`.
    public func execute(_ step: AdapterStep?, in context: StepContext) -> StepResult {
        let startedAt = ProvenanceProbe.iso(Date())
        switch step {
        case nil:
            return StepResult(
                observation: context.observation(
                    .skipped, startedAt: startedAt, reason: "the adapter has no command for this step"),
                interrupted: false)
        case .unsupported(let reason)?:
            return StepResult(observation: context.observation(.unsupported, startedAt: startedAt, reason: reason), interrupted: false)
        case .command(let command)?:
            return runCommand(command, in: context, startedAt: startedAt)
        case .server(let command, let health, let client, let readySeconds)?:
            return runServer(
                command: command, health: health, client: client, readySeconds: readySeconds, in: context,
                startedAt: startedAt)
        }
    }

    // MARK: command steps

    private func runCommand(_ command: [String], in context: StepContext, startedAt: String) -> StepResult {
        let environment = context.environment(port: nil)
        let name = context.step.id
        let started: RunningProcess
        switch start(context.argv(command, port: nil), environment: environment, prefix: context.sandbox.prefix, context: context, files: name) {
        case .failure(let reason):
            return StepResult(observation: context.observation(.failed, startedAt: startedAt, reason: reason), interrupted: false)
        case .success(let process):
            started = process
        }
        let m = wait(started, timeout: context.timeout, grace: context.grace)
        var observation = context.observation(.ok, startedAt: startedAt)
        fill(&observation, with: m, context: context, files: name)
        return StepResult(observation: observation, interrupted: m.interrupted)
    }

    /// Status, reason, metrics and stderr tail from a measurement and the step's output files.
    private func fill(_ o: inout Observation, with m: ProcessMeasurement, context: StepContext, files: String) {
        o.wallSeconds = m.wallSeconds
        o.cpuSeconds = m.cpuSeconds
        o.peakMemoryBytes = m.peakMemoryBytes
        o.exitCode = m.exitCode
        o.stderrTail = StepOutput.tail(StepOutput.readTail("\(context.work)/\(files).stderr", limit: 16 * 1024))
        let verdict = StepOutput.verdict(stdout: StepOutput.readTail("\(context.work)/\(files).stdout", limit: 64 * 1024))
        o.metrics = verdict.metrics
        var reasons: [String] = []
        if m.timedOut {
            o.status = .timeout
            reasons.append("stopped after the \(Numbers.format(context.timeout)) s timeout")
        } else if m.interrupted {
            o.status = .failed
            reasons.append("interrupted")
        } else if let signal = m.signal {
            o.status = .failed
            reasons.append("killed by signal \(signal)")
        } else if m.exitCode != 0 {
            o.status = .failed
            reasons.append("exit code \(m.exitCode ?? -1)")
            if let r = verdict.reason { reasons.append(r) }
        } else if verdict.ok == false, let unsupported = verdict.unsupported {
            o.status = .unsupported
            reasons.append(unsupported)
        } else if verdict.ok == false {
            o.status = .failed
            reasons.append(verdict.reason.map { "the step reported a failed check: \($0)" } ?? "the step reported \"ok\": false")
        }
        if m.leftovers > 0 {
            reasons.append("left \(m.leftovers) process\(m.leftovers == 1 ? "" : "es") running; the runner stopped \(m.leftovers == 1 ? "it" : "them")")
        }
        o.reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    private enum Started {
        case success(RunningProcess)
        case failure(String)
    }

    private func start(_ argv: [String], environment: [String: String], prefix: [String], context: StepContext, files: String) -> Started {
        guard let command = argv.first, let resolved = Spawn.resolve(command, path: environment["PATH"] ?? "") else {
            return .failure("command not found: '\(argv.first ?? "")' is not on the step's PATH (\(environment["PATH"] ?? ""))")
        }
        let request = LaunchRequest(
            arguments: prefix + [resolved] + argv.dropFirst(), environment: environment, directory: context.work,
            stdoutPath: "\(context.work)/\(files).stdout", stderrPath: "\(context.work)/\(files).stderr")
        do {
            let process = try RunningProcess(request)
            interruption.track(process)
            return .success(process)
        } catch {
            return .failure("\(error)")
        }
    }

    private func wait(_ process: RunningProcess, timeout: Double, grace: Double) -> ProcessMeasurement {
        defer { interruption.untrack(process) }
        let interruption = self.interruption
        return process.wait(
            timeout: timeout, grace: grace, shouldStop: { interruption.isRequested }, tick: tick)
    }

    // MARK: server steps

    private func runServer(
        command: [String], health: String, client: [String]?, readySeconds: Double, in context: StepContext,
        startedAt: String
    ) -> StepResult {
        var observation = context.observation(.ok, startedAt: startedAt)
        guard let port = Loopback.freePort() else {
            observation.status = .failed
            observation.reason = "no free port on 127.0.0.1"
            return StepResult(observation: observation, interrupted: false)
        }
        let environment = context.environment(port: port)
        // The runner polls health inside the server's namespace; when it cannot join one, the server
        // shares the host network.
        let sandbox = context.sandbox.canJoin ? context.sandbox : .none(context.sandbox.description)
        let began = Clock.now()
        let server: RunningProcess
        switch start(context.argv(command, port: port), environment: environment, prefix: sandbox.prefix, context: context, files: "\(context.step.id).server") {
        case .failure(let reason):
            observation.status = .failed
            observation.reason = reason
            return StepResult(observation: observation, interrupted: false)
        case .success(let process):
            server = process
        }
        let stepDeadline = began + UInt64(context.timeout * 1e9)
        let readyDeadline = min(stepDeadline, began + UInt64(readySeconds * 1e9))
        var ready: Double?
        while Clock.now() < readyDeadline, !server.hasExited, !interruption.isRequested {
            let status = sandbox.inNamespace { Loopback.status(port: port, path: health, timeout: 1) }
            if status == 200 {
                ready = Clock.seconds(from: began, to: Clock.now())
                break
            }
            usleep(50_000)
            tick(Clock.seconds(from: began, to: Clock.now()))
        }
        var clientMeasurement: ProcessMeasurement?
        var reasons: [String] = []
        var interrupted = interruption.isRequested
        if let ready {
            observation.metrics["ready_seconds"] = ready
            if let client {
                let remaining = Double(stepDeadline &- min(stepDeadline, Clock.now())) / 1e9
                let prefix = sandbox.prefix
                // The client learns how long the server took to answer its health path, so a browser
                // client can report start-to-usable without charging its own start-up to the app.
                var clientEnvironment = environment
                clientEnvironment["BAKEOFF_READY_SECONDS"] = Numbers.format(ready, decimals: 6)
                switch start(context.argv(client, port: port), environment: clientEnvironment, prefix: prefix, context: context, files: context.step.id) {
                case .failure(let reason):
                    reasons.append(reason)
                case .success(let process):
                    clientMeasurement = wait(process, timeout: remaining, grace: context.grace)
                    // What the server holds once the client's session is over (the app loaded and used).
                    if let now = server.residentBytesNow() {
                        observation.metrics["server_memory_after_client_bytes"] = Double(now)
                    }
                }
            }
        } else if !interrupted {
            if server.hasExited {
                reasons.append("the server exited before \(health) answered 200")
            } else if Clock.now() >= stepDeadline {
                observation.status = .timeout
                reasons.append("stopped after the \(Numbers.format(context.timeout)) s timeout before the server was ready")
            } else {
                reasons.append("the server was not ready: \(health) did not answer 200 within \(Numbers.format(readySeconds)) s")
            }
        }
        let finished = Clock.now()
        // Always stop the server by its own pid and group, and make sure nothing of it is left.
        let serverMeasurement = server.stop(grace: context.grace)
        interruption.untrack(server)
        interrupted = interrupted || interruption.isRequested || (clientMeasurement?.interrupted ?? false)
        let gone = server.isGone() && !sandbox.inNamespace { Loopback.isListening(port: port) }
        if !gone { reasons.append("the server could not be stopped") }

        if let peak = serverMeasurement.peakMemoryBytes { observation.metrics["server_peak_memory_bytes"] = Double(peak) }
        observation.wallSeconds = Clock.seconds(from: began, to: finished)
        observation.cpuSeconds = serverMeasurement.cpuSeconds + (clientMeasurement?.cpuSeconds ?? 0)
        // Server and client are sampled apart: their peaks add up to an upper bound of the step's peak.
        observation.peakMemoryBytes = serverMeasurement.peakMemoryBytes.map { $0 + (clientMeasurement?.peakMemoryBytes ?? 0) }
        if let c = clientMeasurement {
            var clientObservation = observation
            fill(&clientObservation, with: c, context: context, files: context.step.id)
            observation.status = clientObservation.status
            observation.exitCode = c.exitCode
            observation.stderrTail = clientObservation.stderrTail
            observation.metrics.merge(clientObservation.metrics) { server, _ in server }
            if let r = clientObservation.reason { reasons.insert(r, at: 0) }
        } else {
            observation.stderrTail = StepOutput.tail(
                StepOutput.readTail("\(context.work)/\(context.step.id).server.stderr", limit: 16 * 1024))
        }
        if ready == nil, observation.status == .ok { observation.status = .failed }
        if !reasons.isEmpty, observation.status == .ok { observation.status = .failed }
        if ready == nil, server.hasExited, let code = serverMeasurement.exitCode { observation.exitCode = code }
        observation.reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return StepResult(observation: observation, interrupted: interrupted)
    }
}
