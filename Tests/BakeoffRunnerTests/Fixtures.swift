import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

/// A fixture adapter folder with small real scripts, and a work dir, for one test.
final class Fixture {
    let folder: TemporaryFolder
    var adapter: String { folder.path + "/adapter" }
    var work: String { folder.path + "/work" }

    init() throws {
        folder = try TemporaryFolder("bakeoff-runner")
        for sub in ["adapter", "work/home", "work/tmp"] {
            try FileManager.default.createDirectory(atPath: "\(folder.path)/\(sub)", withIntermediateDirectories: true)
        }
        try BakeoffStepModule.write(into: stepModuleFolder)
    }

    /// Where the runner's bakeoff_step.py is, as a run writes it.
    var stepModuleFolder: String { folder.path + "/python" }

    deinit { folder.remove() }

    /// Writes an executable script into the adapter folder.
    func script(_ name: String, _ text: String) throws {
        try folder.write("adapter/\(name)", text)
        chmod("\(adapter)/\(name)", 0o755)
    }

    func context(
        step: String = "step", timeout: Double = 30, grace: Double = 1, sandbox: NetworkSandbox = .none("test"),
        parameters: [ScenarioParameter] = [], environment: [String: String] = [:]
    ) -> StepContext {
        StepContext(
            runID: "test-run", stage: "stage", tool: "tool", step: ScenarioStep(id: step, title: step, description: "", timeoutSeconds: timeout),
            repetition: 1, adapterFolder: adapter, work: work, venv: nil, parameters: parameters,
            adapterEnvironment: environment, timeout: timeout, grace: grace, sandbox: sandbox,
            stepModuleFolder: stepModuleFolder)
    }

    func run(_ step: AdapterStep?, _ context: StepContext? = nil) -> Observation {
        StepExecutor().execute(step, in: context ?? self.context()).observation
    }

    func read(_ relative: String) -> String {
        (try? String(contentsOfFile: "\(folder.path)/\(relative)", encoding: .utf8)) ?? ""
    }
}

/// True while a process with this pid is alive (a zombie counts as gone).
func isAlive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    return !(ProcessStat.read(pid)?.isZombie ?? true)
}

/// Collects what a runner records, in order.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var events: [String] = []
    private(set) var observations: [Observation] = []
    private(set) var environments: [EnvironmentRecord] = []

    var recorder: RunRecorder {
        RunRecorder(
            began: { run in self.lock.withLock { self.events.append("began \(run.id)") } },
            environment: { e in self.lock.withLock { self.environments.append(e) } },
            observed: { o in self.lock.withLock { self.observations.append(o) } },
            finished: { status, _ in self.lock.withLock { self.events.append("finished \(status.rawValue)") } })
    }
}
