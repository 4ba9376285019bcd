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

    /// The example of docs/run-files.md: one tool, two steps, a cold and a warm repetition, one timeout.
    static var documented: Run {
        let id = "2026-11-29T09-30-00Z-3f2a"
        func step(_ step: String, _ repetition: Int, _ second: Int, wall: Double, cpu: Double, memory: Int64,
                  metrics: [String: Double] = [:]) -> Observation {
            Observation(
                runID: id, stage: "experiment-tracking", tool: "mlflow", step: step, repetition: repetition,
                status: .ok, startedAt: "2026-11-29T09:3\(second):00Z", wallSeconds: wall, cpuSeconds: cpu,
                peakMemoryBytes: memory, exitCode: 0, metrics: metrics)
        }
        var timeout = step("log_runs", 2, 3, wall: 30.002, cpu: 28.51, memory: 311_427_072)
        timeout.status = .timeout
        timeout.exitCode = nil
        timeout.reason = "timed out after 30 s; the process group was killed"
        timeout.stderrTail = "2026/11/29 09:33:29 INFO mlflow.tracking: logging run 731 of 1000"
        return Run(
            id: id, startedAt: "2026-11-29T09:30:00Z", endedAt: "2026-11-29T09:34:10Z", status: .complete,
            repetitions: 2,
            provenance: Provenance(
                cpuModel: "Intel(R) Xeon(R) CPU @ 2.20GHz", cores: 2, memoryBytes: 8_344_723_456,
                os: "Debian GNU/Linux 12 (bookworm)", kernel: "6.1.0-27-cloud-amd64", python: "3.11.2", uv: "0.5.11",
                gitCommit: "5cb05e1", bakeoffVersion: "0.1.0", network: "loopback-only"),
            environments: [
                EnvironmentRecord(
                    stage: "experiment-tracking", tool: "mlflow", kind: "python",
                    lockHash: "9c1e0f5d1b7a3e24c8f0a6d2b4e19f7c3a5d8e0b2c4f6a8d1e3b5c7d9f0a2b4c",
                    toolVersion: "2.17.2", installSeconds: 41.87, sizeBytes: 318_767_104, distributions: 3,
                    packages: ["alembic==1.14.0", "mlflow==2.17.2", "sqlalchemy==2.0.36"]),
            ],
            observations: [
                step("setup", 1, 0, wall: 2.914, cpu: 2.61, memory: 148_373_504),
                step("log_runs", 1, 1, wall: 19.337, cpu: 17.92, memory: 309_854_208,
                     metrics: ["runs_logged": 1000, "runs_per_second": 51.71]),
                step("setup", 2, 2, wall: 1.204, cpu: 1.13, memory: 147_849_216),
                timeout,
            ])
    }
}
