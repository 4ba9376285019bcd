import BakeoffLedger
import BakeoffModel
import Foundation

/// Runs with awkward values on purpose: nils, negative zero, tiny and huge numbers, Unicode, quotes,
/// control characters, steps stored out of canonical order.
enum Fixture {
    static let provenance = Provenance(
        cpuModel: "AMD EPYC 7B13 \"test\"", cores: 2, memoryBytes: 8_589_934_592, os: "Debian GNU/Linux 12",
        kernel: "6.1.0-18-amd64", python: "3.11.2", uv: "0.5.11", gitCommit: "0123456789abcdef", bakeoffVersion: "0.1.0",
        network: "loopback-only")

    static func environment(_ stage: String, _ tool: String, installSeconds: Double? = 12.5) -> EnvironmentRecord {
        EnvironmentRecord(
            stage: stage, tool: tool, kind: "python", lockHash: "sha256:\(stage)-\(tool)", toolVersion: "2.17.0",
            installSeconds: installSeconds, sizeBytes: 123_456_789, distributions: 3,
            packages: ["alembic==1.13.1", "\(tool)==2.17.0", "zipp==3.19.2"])
    }

    static func observation(
        _ run: String, _ stage: String, _ tool: String, _ step: String, repetition: Int, wall: Double? = 0.25,
        status: ObservationStatus = .ok
    ) -> Observation {
        Observation(
            runID: run, stage: stage, tool: tool, step: step, repetition: repetition, status: status,
            startedAt: "2026-11-29T04:00:0\(repetition)Z", wallSeconds: wall, cpuSeconds: wall.map { $0 * 0.8 },
            peakMemoryBytes: 52_428_800 + Int64(repetition), exitCode: status == .ok ? 0 : 1,
            reason: status == .ok ? nil : "exit code 1", stderrTail: status == .ok ? "" : "Traceback:\n\t\"boom\" ✗\u{1}",
            metrics: ["runs_logged": 100, "throughput": 1234.5678])
    }

    /// A complete run over two stages, two tools each, two repetitions, three steps; observations listed in the
    /// order a round-robin runner records them (tools interleaved), not in canonical order.
    static func run(_ id: String = "2026-11-29T04-00-00Z-a1", startedAt: String = "2026-11-29T04:00:00Z") -> Run {
        var observations: [Observation] = []
        let steps = ["setup", "log_runs", "query"]
        for repetition in 1 ... 2 {
            for (stage, tools) in [("tracking", ["mlflow", "aim"]), ("versioning", ["dvc", "lakefs"])] {
                for tool in tools {
                    for (index, step) in steps.enumerated() {
                        observations.append(
                            observation(
                                id, stage, tool, step, repetition: repetition,
                                wall: Double(index + 1) * 0.1 + Double(repetition) / 3))
                    }
                }
            }
        }
        observations[0].wallSeconds = -0.0
        observations[1].wallSeconds = 1e-9
        observations[2].cpuSeconds = 12_345_678.901234
        observations[3].status = .timeout
        observations[3].wallSeconds = nil
        observations[3].exitCode = nil
        observations[3].reason = "timed out after 30 s"
        observations[3].stderrTail = "Traceback:\n\t\"boom\" ✗\u{1}\u{7F}"
        observations[4].status = .unsupported
        observations[4].metrics = [:]
        observations[5].metrics = ["ünïcode": 0.1, "a\"b": -2.5e-300, "big": 1.7976931348623157e308]
        observations[5].stderrTail = "line 1\nline 2 \\ with / slash\r\n😀"
        return Run(
            id: id, startedAt: startedAt, endedAt: "2026-11-29T04:10:00Z", status: .complete, repetitions: 2,
            provenance: provenance,
            environments: [
                environment("versioning", "dvc"), environment("tracking", "mlflow", installSeconds: nil),
                environment("tracking", "aim"), environment("versioning", "lakefs"),
            ],
            observations: observations)
    }

    /// Records `run` the way the runner does: begin, environments, one observation at a time, finish.
    static func record(_ run: Run, in ledger: Ledger) throws {
        try ledger.begin(run)
        for environment in run.environments { try ledger.record(environment, run: run.id) }
        for observation in run.observations { try ledger.record(observation) }
        if let endedAt = run.endedAt { try ledger.finish(run: run.id, status: run.status, endedAt: endedAt) }
    }
}
