import Foundation
import TestSupport
import XCTest

@testable import BakeoffBench

@testable import BakeoffScoring

/// Runs bench/scoring/crosscheck.py (pymcdm + numpy in a uv environment) on matrices Swift exported, when
/// BAKEOFF_CROSSCHECK=1: uv and PyPI may be absent in CI.
final class CrossCheckTests: XCTestCase {
    func testExportIsDeterministicAndSelfConsistent() throws {
        let a = try CrossCheck.export(count: 20, monteCarlo: 1, seed: 9, samples: 2000)
        XCTAssertEqual(a, try CrossCheck.export(count: 20, monteCarlo: 1, seed: 9, samples: 2000))
        let object = try JSONSerialization.jsonObject(with: Data(a.utf8)) as! [String: Any]
        let cases = object["cases"] as! [[String: Any]]
        XCTAssertEqual(cases.count, 21)
        for c in cases {
            let totals = c["totals"] as! [Double]
            let ranking = c["ranking"] as! [String]
            let tools = c["tools"] as! [String]
            let ordered = ranking.map { totals[tools.firstIndex(of: $0)!] }
            XCTAssertEqual(ordered, ordered.sorted(by: >))
        }
    }

    func testAgainstPyMCDM() throws {
        guard ProcessInfo.processInfo.environment["BAKEOFF_CROSSCHECK"] == "1" else {
            throw XCTSkip("set BAKEOFF_CROSSCHECK=1 to compare with pymcdm (needs uv and PyPI)")
        }
        let folder = try TemporaryFolder("bakeoff-crosscheck")
        defer { folder.remove() }
        try folder.write("matrices.json", try CrossCheck.export(count: 500, monteCarlo: 3, seed: 20261129))
        let bench = (Repository.root as NSString).appendingPathComponent("bench/scoring")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["uv", "run", "--project", bench, "python", "\(bench)/crosscheck.py", folder.url("matrices.json").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("weighted sum: 503/503 same ranking as pymcdm WSM; totals within 1e-5: 503/503"), text)
        XCTAssertTrue(text.contains("TOPSIS: 503/503"), text)
    }
}
