import Foundation
import TestSupport
import XCTest

/// The model-monitoring stage's judge (stages/model-monitoring/common/drift_judge.py, plain Python): how the
/// per-seed verdicts of a monitor become recall, precision and false-alarm rate with 95 % Wilson intervals.
/// Expected values are computed by hand from the Wilson score formula with z = 1.959964.
final class MonitoringJudgeTests: XCTestCase {
    private func python(_ code: String) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json\nfrom drift_judge import judge, wilson\n" + code]
        process.environment = ["PYTHONPATH": Repository.root + "/stages/model-monitoring/common", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONDecoder().decode([String: Double].self, from: data)
    }

    func testTheWilsonIntervalMatchesTheHandComputedBounds() throws {
        let r = try python("""
            s, lo, hi = wilson(3, 4); z, zlo, zhi = wilson(0, 9); e, elo, ehi = wilson(0, 0)
            print(json.dumps(dict(s=s, lo=lo, hi=hi, z=z, zlo=zlo, zhi=zhi, e=e, elo=elo, ehi=ehi)))
            """)
        // 3 of 4: centre (0.75 + z²/8) / (1 + z²/4) = 0.627527, half-width 0.326885
        XCTAssertEqual(r["s"] ?? -1, 0.75, accuracy: 1e-9)
        XCTAssertEqual(r["lo"] ?? -1, 0.300642, accuracy: 1e-5)
        XCTAssertEqual(r["hi"] ?? -1, 0.954412, accuracy: 1e-5)
        // 0 of 9: the interval starts at 0 and still reaches 0.299144 (a t-interval would have width 0)
        XCTAssertEqual(r["z"] ?? -1, 0, accuracy: 1e-9)
        XCTAssertEqual(r["zlo"] ?? -1, 0, accuracy: 1e-9)
        XCTAssertEqual(r["zhi"] ?? -1, 0.299144, accuracy: 1e-5)
        // no trials: nothing is known, the interval is all of [0, 1]
        XCTAssertEqual(r["elo"] ?? -1, 0, accuracy: 1e-9)
        XCTAssertEqual(r["ehi"] ?? -1, 1, accuracy: 1e-9)
    }

    func testVerdictsOfEverySeedArePooledAgainstTheInjectedTruth() throws {
        // Seed 1 flags n0 and n1 (drifted) and n5 (not); seed 2 flags all four drifted features (n0, n1, c0,
        // n2) and n3 on its control.
        let r = try python("""
            print(json.dumps(judge([(["n0", "n1", "n5"], []), (["n0", "c0", "n1", "n2"], ["n3"])])))
            """)
        XCTAssertEqual(r["seeds"], 2)
        XCTAssertEqual(r["true_pos"], 6)
        XCTAssertEqual(r["false_pos"], 1)
        XCTAssertEqual(r["control_flags"], 1)
        // recall 6 of 2 × 4: Wilson 0.668898 ± 0.259622
        XCTAssertEqual(r["recall"], 0.75)
        XCTAssertEqual(r["recall_lo"], 0.4093)
        XCTAssertEqual(r["recall_hi"], 0.9285)
        // precision 6 of the 7 flagged; false alarms 1 of 2 × 9 control features
        XCTAssertEqual(r["precision"], 0.8571)
        XCTAssertEqual(r["false_alarm_rate"], 0.0556)
        // per kind: share of seeds that flagged the feature holding that kind of drift
        XCTAssertEqual(r["recall_mean_shift"], 1)
        XCTAssertEqual(r["recall_variance"], 1)
        XCTAssertEqual(r["recall_category_frequency"], 0.5)
        XCTAssertEqual(r["recall_missing_values"], 0.5)
    }
}
