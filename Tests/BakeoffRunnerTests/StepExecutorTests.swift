import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

final class StepExecutorTests: XCTestCase {
    func testATimedOutStepIsStoppedWithinTheGraceAndKeepsItsPartialOutput() throws {
        let f = try Fixture()
        try f.script("slow.sh", "#!/bin/sh\necho started\necho warming up >&2\nsleep 30\necho never\n")
        let o = f.run(.command(["{adapter}/slow.sh"]), f.context(timeout: 1, grace: 1))
        XCTAssertEqual(o.status, .timeout)
        XCTAssertEqual(o.reason, "stopped after the 1 s timeout")
        XCTAssertGreaterThanOrEqual(o.wallSeconds!, 1)
        XCTAssertLessThan(o.wallSeconds!, 1 + 1 + 0.5)
        XCTAssertEqual(f.read("work/step.stdout"), "started\n")
        XCTAssertEqual(o.stderrTail, "warming up")
    }

    func testAStepIgnoringTERMIsKilledAfterTheGrace() throws {
        let f = try Fixture()
        try f.script("stubborn.sh", "#!/bin/sh\ntrap '' TERM\necho $$ > pid\nsleep 30\n")
        let start = Date()
        let o = f.run(.command(["{adapter}/stubborn.sh"]), f.context(timeout: 0.5, grace: 1))
        XCTAssertEqual(o.status, .timeout)
        XCTAssertGreaterThanOrEqual(o.wallSeconds!, 1.5)
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5 + 1 + 1)
        let pid = pid_t(f.read("work/pid").trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertFalse(isAlive(pid))
    }

    func testACrashIsAFailureWithItsExitCodeAndStderrTail() throws {
        let f = try Fixture()
        let o = f.run(.command(["python3", "-c", "import sys\nfor i in range(100): print('line', i, file=sys.stderr)\nsys.exit(3)"]))
        XCTAssertEqual(o.status, .failed)
        XCTAssertEqual(o.exitCode, 3)
        XCTAssertEqual(o.reason, "exit code 3")
        let lines = o.stderrTail.split(separator: "\n")
        XCTAssertEqual(lines.count, 40)
        XCTAssertEqual(lines.first, "line 60")
        XCTAssertEqual(lines.last, "line 99")
    }

    func testASignalledCrashNamesTheSignal() throws {
        let f = try Fixture()
        let o = f.run(.command(["sh", "-c", "kill -SEGV $$"]))
        XCTAssertEqual(o.status, .failed)
        XCTAssertNil(o.exitCode)
        XCTAssertEqual(o.reason, "killed by signal 11")
    }

    func testAChildLeftBehindIsStoppedAndNothingOfTheGroupRemains() throws {
        let f = try Fixture()
        // One child stays in the group; one escapes to a session of its own but is seen while its parent lives.
        try f.script("leaves.sh", "#!/bin/sh\nsleep 300 &\necho $! > child\nsetsid sleep 301 &\necho $! > escaped\nsleep 0.3\necho '{\"ok\": true}'\n")
        let o = f.run(.command(["{adapter}/leaves.sh"]))
        XCTAssertEqual(o.status, .ok)
        XCTAssertEqual(o.reason, "left 2 processes running; the runner stopped them")
        for file in ["child", "escaped"] {
            let pid = pid_t(f.read("work/\(file)").trimmingCharacters(in: .whitespacesAndNewlines))!
            XCTAssertFalse(isAlive(pid), "\(file) \(pid) is still running")
        }
    }

    func testTreePeakMemoryCountsAChildProcessWithinTenPercent() throws {
        let f = try Fixture()
        // The leader is a shell; the memory is in its python child, which ru_maxrss of the leader never sees.
        try f.script(
            "alloc.sh",
            "#!/bin/sh\npython3 -c \"import sys, time\nb = bytearray(int(sys.argv[1]) * 1048576)\nfor i in range(0, len(b), 4096): b[i] = 1\ntime.sleep(1)\" $1\n")
        let baseline = f.run(.command(["{adapter}/alloc.sh", "0"]))
        let loaded = f.run(.command(["{adapter}/alloc.sh", "200"]))
        XCTAssertEqual(baseline.status, .ok)
        XCTAssertEqual(loaded.status, .ok)
        let measured = Double(loaded.peakMemoryBytes! - baseline.peakMemoryBytes!)
        let expected = 200.0 * 1048576
        XCTAssertEqual(measured, expected, accuracy: expected * 0.1, "measured \(measured / 1048576) MiB")
    }

    func testCPUTimeCountsTheWholeTree() throws {
        let f = try Fixture()
        let burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass"
        let o = f.run(.command(["sh", "-c", "python3 -c '\(burn)'"]))
        XCTAssertEqual(o.status, .ok)
        XCTAssertGreaterThanOrEqual(o.cpuSeconds!, 0.6)
        XCTAssertLessThan(o.cpuSeconds!, 0.6 + 0.5)
    }

    func testMetricsComeFromTheLastStdoutLine() throws {
        let f = try Fixture()
        let o = f.run(.command(["sh", "-c", "echo '{\"rows\": 1}'; echo '{\"ok\": true, \"rows\": 12, \"ratio\": 0.5, \"found\": true, \"missed\": false, \"name\": \"x\", \"nested\": {\"a\": 1}, \"list\": [1]}'; echo"]))
        XCTAssertEqual(o.status, .ok)
        XCTAssertEqual(o.metrics, ["rows": 12, "ratio": 0.5, "found": 1, "missed": 0])
    }

    func testOkFalseOnTheLastLineIsAFailureWithTheReason() throws {
        let f = try Fixture()
        let o = f.run(.command(["sh", "-c", "echo '{\"ok\": false, \"reason\": \"best run not found\", \"query_s\": 0.25}'"]))
        XCTAssertEqual(o.status, .failed)
        XCTAssertEqual(o.exitCode, 0)
        XCTAssertEqual(o.reason, "the step reported a failed check: best run not found")
        XCTAssertEqual(o.metrics, ["query_s": 0.25])
    }

    func testUnsupportedAndMissingStepsRunNothing() throws {
        let f = try Fixture()
        let unsupported = f.run(.unsupported(reason: "no model registry offline"))
        XCTAssertEqual(unsupported.status, .unsupported)
        XCTAssertEqual(unsupported.reason, "no model registry offline")
        XCTAssertNil(unsupported.wallSeconds)
        let skipped = f.run(nil)
        XCTAssertEqual(skipped.status, .skipped)
        XCTAssertEqual(skipped.reason, "the adapter has no command for this step")
    }

    func testAnUnknownCommandFailsWithWhereItWasLookedFor() throws {
        let f = try Fixture()
        let o = f.run(.command(["no-such-tool-here", "--version"]))
        XCTAssertEqual(o.status, .failed)
        XCTAssertTrue(o.reason!.hasPrefix("command not found: 'no-such-tool-here' is not on the step's PATH"), o.reason!)
    }

    func testAPythonStepImportsTheStepModuleAndItsVerdictParses() throws {
        let f = try Fixture()
        try f.script("steps.py", """
            import sys
            from bakeoff_step import Timer, dispatch, done, param, unsupported
            import helper


            def measure():
                timer = Timer()
                rows = param("rows", 1)
                done(rows == 12, "rows not read", rows=rows, ratio=2 / 3, share=float("nan"), found=True,
                     name=helper.NAME, elapsed_s=timer())


            def check_fails():
                done(False, "best run not found", query_s=0.25)


            def no_registry():
                unsupported("no model registry offline")


            dispatch(measure, check_fails, **{"no-registry": no_registry})
            """)
        try f.folder.write("adapter/common/helper.py", "NAME = 'shared'\n")
        let context = f.context(
            parameters: [ScenarioParameter(name: "rows", value: "12", description: "")],
            environment: ["PYTHONPATH": "{adapter}/common"])
        func run(_ step: String) -> Observation { f.run(.command(["python3", "{adapter}/steps.py", step]), context) }

        let measured = run("measure")
        XCTAssertEqual(measured.status, .ok, measured.stderrTail ?? "")
        // Floats rounded to 4 decimals, booleans as 1/0, a NaN left out (null), text ignored.
        XCTAssertEqual(measured.metrics.filter { $0.key != "elapsed_s" }, ["rows": 12, "ratio": 0.6667, "found": 1])
        XCTAssertNotNil(measured.metrics["elapsed_s"])

        let failed = run("check_fails")
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.exitCode, 0)
        XCTAssertEqual(failed.reason, "the step reported a failed check: best run not found")
        XCTAssertEqual(failed.metrics, ["query_s": 0.25])
        XCTAssertEqual(failed.stderrTail, "check failed: best run not found")

        let unsupported = run("no-registry")
        XCTAssertEqual(unsupported.status, .unsupported)
        XCTAssertEqual(unsupported.reason, "no model registry offline")

        let unknown = run("other")
        XCTAssertEqual(unknown.status, .failed)
        XCTAssertEqual(unknown.reason, "the step reported a failed check: steps.py has no step 'other'; it has: check_fails, measure, no-registry")

        // The adapter's own PYTHONPATH entries come first, the step module's folder last.
        _ = f.run(.command(["sh", "-c", "echo \"$PYTHONPATH\" > pythonpath.txt"]), context)
        XCTAssertEqual(f.read("work/pythonpath.txt"), "\(f.adapter)/common:\(f.stepModuleFolder)\n")
    }

    func testTheStepSeesOnlyItsExplicitEnvironment() throws {
        let f = try Fixture()
        setenv("BAKEOFF_TEST_LEAK", "leaked", 1)
        setenv("PYTHONDONTWRITEBYTECODE", "1", 1)
        defer { unsetenv("BAKEOFF_TEST_LEAK") }
        let context = f.context(
            parameters: [ScenarioParameter(name: "runs", value: "100", description: "")],
            environment: ["TOOL_HOME": "{home}/.tool", "DB": "sqlite:///{work}/db"])
        let o = f.run(.command(["sh", "-c", "env | sort > env.txt; pwd > cwd.txt; echo '{\"ok\": true}'"]), context)
        XCTAssertEqual(o.status, .ok)
        let env = Set(f.read("work/env.txt").split(separator: "\n").map(String.init))
        XCTAssertTrue(env.contains("HOME=\(f.work)/home"))
        XCTAssertTrue(env.contains("TMPDIR=\(f.work)/tmp"))
        XCTAssertTrue(env.contains("BAKEOFF_WORK=\(f.work)"))
        XCTAssertTrue(env.contains("BAKEOFF_ADAPTER=\(f.adapter)"))
        XCTAssertTrue(env.contains("BAKEOFF_PARAM_RUNS=100"))
        XCTAssertTrue(env.contains("TOOL_HOME=\(f.work)/home/.tool"))
        XCTAssertTrue(env.contains("DB=sqlite:///\(f.work)/db"))
        XCTAssertTrue(env.contains("DO_NOT_TRACK=1"))
        XCTAssertTrue(env.contains("USER=bakeoff"))
        XCTAssertFalse(env.contains { $0.hasPrefix("BAKEOFF_TEST_LEAK") || $0.hasPrefix("PYTHONDONTWRITEBYTECODE") || $0.hasPrefix("SSL_CERT_FILE") })
        XCTAssertEqual(f.read("work/cwd.txt"), f.work + "\n")
    }
}

/// What an install failure says: uv's own summary, not the build log under it.
final class InstallFailureTests: XCTestCase {
    func testUvErrorSummaryKeepsTheErrorAndItsCauses() {
        let stderr = """
            Resolved 84 packages in 539ms
               Building tokenizers==0.10.3
            error: Failed to build `tokenizers==0.10.3`
              cause: The build backend returned an error
              cause: Call to `setuptools.build_meta.build_wheel` failed (exit status: 1)

                  [stderr]
                  error: `cargo metadata --manifest-path Cargo.toml --format-version 1` failed with code 101
                    cause: deep in the build log
            hint: Build failures usually indicate a problem with the package or the build environment
            """
        XCTAssertEqual(
            EnvironmentBuilder.uvErrorSummary(stderr),
            "error: Failed to build `tokenizers==0.10.3`; cause: The build backend returned an error; "
                + "cause: Call to `setuptools.build_meta.build_wheel` failed (exit status: 1); "
                + "hint: Build failures usually indicate a problem with the package or the build environment")
        XCTAssertNil(EnvironmentBuilder.uvErrorSummary("warning: something\n"))
    }
}
