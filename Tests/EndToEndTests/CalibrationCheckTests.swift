import Foundation
import TestSupport
import XCTest

/// `bakeoff check` warns when a stage compares runs from machines of different speed.
final class CalibrationCheckTests: XCTestCase {
    /// A run file measuring one tool of ci-cd on a machine with the given calibration rate.
    private func runFile(_ id: String, tool: String, rate: Double) -> String {
        // Every step of the scenario, so the evidence set takes it as the tool's complete run.
        let steps = ["lint", "autofix", "precommit"].map { step in
            """
            {"stage": "ci-cd", "tool": "\(tool)", "step": "\(step)", "repetition": 1, "status": "ok",
             "startedAt": "2030-01-01T00:00:01Z", "wallSeconds": 1.0, "cpuSeconds": 1.0, "peakMemoryBytes": 1,
             "exitCode": 0, "reason": null, "stderrTail": "", "metrics": {}}
            """
        }.joined(separator: ", ")
        return """
        {"schema": 1, "id": "\(id)", "startedAt": "2030-01-01T00:00:00Z", "endedAt": "2030-01-01T00:01:00Z",
         "status": "complete", "repetitions": 1,
         "provenance": {"cpuModel": "cpu", "cores": 4, "memoryBytes": 1, "os": "os", "kernel": "k", "python": "3.11",
           "uv": "uv", "gitCommit": "c", "bakeoffVersion": "0.1.0", "network": "loopback-only",
           "calibration": {"workload": "xorshift64-100ms/release", "iterationsPerSecond": \(rate)}},
         "environments": [],
         "observations": [\(steps)]}
        """
    }

    func testAStageComparingMachinesApartBeyondTheToleranceIsWarnedAbout() throws {
        let folder = try TemporaryFolder("bakeoff-calibration-check")
        defer { folder.remove() }
        try Repository.copyBundledProject(to: folder.path)
        try folder.write("evidence/runs/zz-fast.json", runFile("zz-fast", tool: "ruff", rate: 140e6))
        try folder.write("evidence/runs/zz-slow.json", runFile("zz-slow", tool: "flake8", rate: 100e6))
        // pylint too, so no committed run (recorded by another build) takes part in the comparison.
        try folder.write("evidence/runs/zz-mid.json", runFile("zz-mid", tool: "pylint", rate: 120e6))

        // ruff, flake8 and pylint are newest in the three runs.
        let out = try CLI.run(["check", "--project", folder.path])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(
            out.stderr.contains(
                "warning: stage ci-cd compares runs from machines whose calibration differs by 40 % (more than 25 %): "
                    + "zz-fast ran the calibration loop at 140.0 M/s, zz-slow at 100.0 M/s"),
            out.stderr)

        let tolerant = try CLI.run(["check", "--project", folder.path, "--calibration-tolerance", "50"])
        XCTAssertFalse(tolerant.stderr.contains("calibration differs"), tolerant.stderr)
        XCTAssertEqual(try CLI.run(["check", "--project", folder.path, "--calibration-tolerance", "-1"]).status, 64)
    }
}
