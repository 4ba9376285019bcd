import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

/// Runner overhead per step against a bare posix_spawn + wait4 of /bin/true.
/// Run with: BAKEOFF_BENCH=1 swift test --scratch-path .build-runner -c release --filter RunnerBenchmark
final class RunnerBenchmark: XCTestCase {
    func testOverheadPerStepAgainstABareSpawn() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["BAKEOFF_BENCH"] == "1", "set BAKEOFF_BENCH=1 to run")
        let f = try Fixture()
        let n = Int(ProcessInfo.processInfo.environment["BAKEOFF_BENCH_N"] ?? "300") ?? 300

        func median(_ body: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<n {
                let start = Clock.now()
                try body()
                times.append(Clock.seconds(from: start, to: Clock.now()))
            }
            return RepetitionSpread.of(times.map { (2, $0) })!.median
        }

        let bare = try median {
            let pid = try Spawn.start(
                executable: "/bin/true", arguments: ["true"], environment: ["PATH=/usr/bin:/bin"], directory: f.work,
                stdout: "/dev/null", stderr: "/dev/null")
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
        }
        let launcher = try median {
            let p = try RunningProcess(
                LaunchRequest(
                    arguments: ["/bin/true"], environment: ["PATH": "/usr/bin:/bin"], directory: f.work,
                    stdoutPath: "\(f.work)/o", stderrPath: "\(f.work)/e"))
            _ = p.wait(timeout: 10, grace: 1)
        }
        let scan = median { _ = ProcessStat.all() }
        print(String(format: "one /proc scan %.3f ms", scan * 1e3))
        let executor = StepExecutor()
        let step = median { _ = executor.execute(.command(["true"]), in: f.context()) }
        let sandbox = NetworkSandbox.probe()
        defer { sandbox.close() }
        let sandboxed = sandbox.isIsolated ? median { _ = executor.execute(.command(["true"]), in: f.context(sandbox: sandbox)) } : .nan
        let report = String(
            format: "bare posix_spawn+wait4 %.3f ms; RunningProcess %.3f ms; command step %.3f ms; command step in the network namespace %.3f ms (median of %d)",
            bare * 1e3, launcher * 1e3, step * 1e3, sandboxed * 1e3, n)
        print(report)
        // Generous (a shared 2-core machine): the runner must stay within a few milliseconds of a bare spawn.
        XCTAssertLessThan(step - bare, 0.005, report)
    }
}
