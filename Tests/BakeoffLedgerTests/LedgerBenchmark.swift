import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffLedger

/// Ledger insert throughput, one transaction per observation as the runner records them.
///
/// Skipped unless `BAKEOFF_BENCH=1`; `BAKEOFF_BENCH_DIR` picks the folder (and so the disk) measured.
/// `BAKEOFF_BENCH=1 swift test --filter LedgerBenchmark` prints one line per ledger kind.
final class LedgerBenchmark: XCTestCase {
    func testInsertThroughput() throws {
        let environment = ProcessInfo.processInfo.environment
        try XCTSkipUnless(environment["BAKEOFF_BENCH"] == "1", "set BAKEOFF_BENCH=1 to measure")
        let base = try TemporaryFolder("bakeoff-ledger-bench")
        defer { base.remove() }
        let folder = environment["BAKEOFF_BENCH_DIR"] ?? base.path
        let trials = 7
        let perTrial = 2000
        for kind in ["file", "memory"] {
            var rates: [Double] = []
            for trial in 0 ..< trials {
                let path = "\(folder)/bench-\(UUID().uuidString)/ledger.sqlite"
                defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
                let ledger = kind == "file" ? try Ledger(path: path) : try Ledger.inMemory()
                var run = Fixture.run("bench-\(trial)")
                run.repetitions = perTrial
                try ledger.begin(run)
                let observations = (1 ... perTrial).map {
                    Fixture.observation(run.id, "tracking", "mlflow", "log_runs", repetition: $0)
                }
                let start = DispatchTime.now().uptimeNanoseconds
                for observation in observations { try ledger.record(observation) }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                XCTAssertEqual(try ledger.observationCount(run: run.id), perTrial)
                rates.append(Double(perTrial) / seconds)
            }
            rates.sort()
            let line = String(
                format: "ledger insert throughput (%@): median %.0f observations/s (min %.0f, max %.0f; %d trials of %d, one transaction each, in %@)",
                kind, rates[trials / 2], rates[0], rates[trials - 1], trials, perTrial, kind == "file" ? folder : "memory")
            print(line)
        }
    }
}
