import BakeoffModel
import XCTest

/// `Calibration.compare`: which runs a stage compares, and when their machines are flagged.
final class CalibrationTests: XCTestCase {
    private func run(
        _ id: String, at day: Int, rate: Double?, workload: String = "loop/release", cpu: String = "cpu A",
        _ tools: [(String, String)]
    ) -> RunSummary {
        RunSummary(Run(
            id: id, startedAt: "2026-11-\(day)T00:00:00Z", endedAt: nil, status: .complete, repetitions: 1,
            provenance: Provenance(
                cpuModel: cpu, cores: 2, memoryBytes: 1, os: "os", kernel: "k", python: "", uv: "", gitCommit: "",
                bakeoffVersion: "", network: "",
                calibration: rate.map { Calibration(workload: workload, iterationsPerSecond: $0) }),
            environments: [],
            observations: tools.map {
                Observation(runID: id, stage: $0.0, tool: $0.1, step: "x", repetition: 1, status: .ok, startedAt: "")
            }))
    }

    func testRatesFurtherApartThanTheToleranceAreFlaggedWithTheirShare() {
        // 130 / 100 - 1 = 30 % > 25 %; 120 / 100 - 1 = 20 % is not.
        let a = run("a", at: 10, rate: 100e6, [("s", "x")])
        let b = run("b", at: 11, rate: 130e6, [("s", "y")])
        let warnings = Calibration.compare(runs: [a, b])
        XCTAssertEqual(warnings.map(\.runs), [["a", "b"]])
        XCTAssertEqual(
            warnings.first?.message,
            "stage s compares runs from machines whose calibration differs by 30 % (more than 25 %): b ran the calibration "
                + "loop at 130.0 M/s, a at 100.0 M/s; times measured on them are not like for like, re-run the stage on one machine")
        XCTAssertEqual(Calibration.compare(runs: [a, run("c", at: 11, rate: 120e6, [("s", "y")])]), [])
        XCTAssertEqual(Calibration.compare(runs: [a, b], tolerance: 0.35), [], "the tolerance is configurable")
    }

    func testOnlyTheNewestRunOfEachToolCountsAndOneRunComparesNothing() {
        let old = run("old", at: 1, rate: 10e6, [("s", "x"), ("s", "y")])
        let new = run("new", at: 2, rate: 100e6, [("s", "x"), ("s", "y")])
        XCTAssertEqual(Calibration.compare(runs: [old, new]), [], "the old run is history, not compared")
        // y newest in `old` again: the stage now compares both runs.
        let mixed = run("new", at: 2, rate: 100e6, [("s", "x")])
        XCTAssertEqual(Calibration.compare(runs: [old, mixed]).map(\.stage), ["s"])
        XCTAssertEqual(Calibration.compare(runs: [old, mixed]).map(\.runs), [["new", "old"]])
    }

    func testRunsWithoutCalibrationAreLeftOutAndWorkloadsMustMatch() {
        // Without a calibration there is nothing to compare (the evidence set names differing machines).
        let legacy = run("legacy", at: 1, rate: nil, [("s", "x")])
        XCTAssertEqual(Calibration.compare(runs: [legacy, run("fast", at: 2, rate: 1e9, cpu: "cpu B", [("s", "y")])]), [])
        XCTAssertEqual(
            Calibration.compare(runs: [legacy, run("a", at: 2, rate: 1e6, [("s", "y")]), run("b", at: 3, rate: 2e6, [("s", "z")])])
                .map(\.runs),
            [["a", "b"]])

        let debug = run("d", at: 1, rate: 1e6, workload: "loop/debug", [("s", "x")])
        let release = run("r", at: 2, rate: 1e6, [("s", "y")])
        XCTAssertEqual(
            Calibration.compare(runs: [debug, release]).map(\.message),
            ["stage s compares runs calibrated with different workloads (d: loop/debug, r: loop/release), so their "
                + "machines cannot be compared; record them with the same bakeoff build"])
    }
}
