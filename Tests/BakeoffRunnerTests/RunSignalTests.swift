import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

/// `bakeoff run` ended from outside during a server step: a closed terminal (HUP) or SIGKILL leaves no
/// process of the run behind (the server, its child and the client), and no temporary folder once the next
/// run starts.
final class RunSignalTests: XCTestCase {
    /// The bundled project with ci-cd's ruff made a server step whose server forks a child and whose client
    /// sleeps, so the run is caught while all three are alive.
    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("bakeoff-run-signal")
        try Repository.copyBundledProject(to: folder.path)
        let adapters = "\(folder.path)/stages/ci-cd/adapters"
        for tool in try FileManager.default.contentsOfDirectory(atPath: adapters) {
            try FileManager.default.removeItem(atPath: "\(adapters)/\(tool)")
        }
        // The criteria name these step ids; only lint has a command.
        let ids = ["lint", "format_check", "autofix", "precommit"]
        try folder.write(
            "stages/ci-cd/scenario.yaml",
            "description: Fixture steps.\nsteps:\n" + ids.map { "  - {id: \($0), title: \($0), timeout: 120}\n" }.joined())
        let p = folder.path
        try folder.write(
            "stages/ci-cd/adapters/ruff/adapter.yaml",
            """
            install: {debian: [coreutils], version: [true, --version]}
            steps:
              lint:
                server: [sh, -c, "sleep 300 & echo $! > \(p)/child.pid; echo $$ > \(p)/server.pid; exec python3 -m http.server {port} --bind 127.0.0.1"]
                health: /
                client: [sh, -c, "echo $$ > \(p)/client.pid; sleep 120"]
                ready_timeout: 30
              format_check: {unsupported: "fixture"}
              autofix: {unsupported: "fixture"}
              precommit: {unsupported: "fixture"}

            """)
        try FileManager.default.createDirectory(atPath: "\(p)/tmp", withIntermediateDirectories: true)
        return folder
    }

    /// Starts `bakeoff run` with Foundation's Process (not the runner's own launcher, which would stop the
    /// leftovers itself and hide them), waits for the client, and sends `signal`.
    private func runAndSignal(_ folder: TemporaryFolder, _ signal: Int32) throws -> Process {
        let process = Process()
        process.executableURL = CLI.productsFolder.appendingPathComponent("bakeoff")
        process.arguments = ["run", "--project", folder.path, "--stage", "ci-cd", "--repeat", "1"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["XDG_CACHE_HOME": folder.path + "/cache", "TMPDIR": folder.path + "/tmp"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        try folder.write("out", "")
        try folder.write("err", "")
        process.standardOutput = try FileHandle(forWritingTo: folder.url("out"))
        process.standardError = try FileHandle(forWritingTo: folder.url("err"))
        try process.run()
        let until = Date().addingTimeInterval(90)
        while !FileManager.default.fileExists(atPath: folder.path + "/client.pid"), process.isRunning, Date() < until {
            usleep(50_000)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/client.pid"), (try? folder.read("err")) ?? "")
        usleep(200_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process
    }

    /// Live processes started for the run: their working directory or command line is inside the folder.
    private func processesOfTheRun(_ folder: TemporaryFolder) -> [String] {
        let mine = getpid()
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        return pids.filter { $0 != mine && isAlive($0) }.compactMap { pid -> String? in
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
            let argv = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")))
                .map { String(decoding: $0.map { $0 == 0 ? 32 : $0 }, as: UTF8.self) } ?? ""
            return cwd.hasPrefix(folder.path) || argv.contains(folder.path) ? "\(pid) \(argv)" : nil
        }
    }

    private func assertNothingLeft(_ folder: TemporaryFolder, file: StaticString = #filePath, line: UInt = #line) {
        var left = processesOfTheRun(folder)
        let until = Date().addingTimeInterval(5)
        while !left.isEmpty, Date() < until {
            usleep(100_000)
            left = processesOfTheRun(folder)
        }
        XCTAssertEqual(left, [], "still running 5 s after the run ended", file: file, line: line)
        for name in ["server.pid", "child.pid", "client.pid"] {
            let pid = pid_t(((try? folder.read(name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            XCTAssertGreaterThan(pid, 0, name, file: file, line: line)
            XCTAssertFalse(isAlive(pid), "\(name) \(pid) is alive", file: file, line: line)
        }
    }

    func testAClosedTerminalEndsTheRunAsInterruptedWithItsRunFileAndNothingLeft() throws {
        let folder = try project()
        defer { folder.remove() }
        let process = try runAndSignal(folder, SIGHUP)
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130, (try? folder.read("err")) ?? "")
        let run = try runFile(folder, printed: (try? folder.read("out")) ?? "")
        XCTAssertEqual(run["status"] as? String, "interrupted")
        assertNothingLeft(folder)
    }

    func testSIGKILLLeavesNoProcessAndTheNextRunRemovesTheTemporaryFolders() throws {
        let folder = try project()
        defer { folder.remove() }
        let process = try runAndSignal(folder, SIGKILL)
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        assertNothingLeft(folder)
        // The run the killed process left running is abandoned, as the next command sees it.
        let list = try CLI.run(["evidence", "list", "--project", folder.path])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains(" abandoned "), list.stdout)
        XCTAssertFalse(list.stdout.contains(" running "), list.stdout)
        // The watchdog removes the killed runner's folders; the next start removes those of a runner whose
        // watchdog died too (a pid that has exited).
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let stale = "\(folder.path)/tmp/bakeoff-netns-\(gone.processIdentifier)-ABCD1234"
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        let next = try CLI.run(
            ["run", "--project", folder.path, "--stage", "ci-cd", "--dry-run"],
            environment: ["XDG_CACHE_HOME": folder.path + "/cache", "TMPDIR": folder.path + "/tmp"])
        XCTAssertEqual(next.status, 0, next.stderr)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tmp").filter {
            $0.hasPrefix("bakeoff-netns-") || $0.hasPrefix("bakeoff-cmd-") || $0.hasPrefix("bakeoff-watch-")
        }
        XCTAssertEqual(left, [])
    }

    func testStaleFolderNamesCarryTheRunnerPid() {
        XCTAssertEqual(Watchdog.ownerPID("bakeoff-netns-1234-abcd1234"), 1234)
        XCTAssertEqual(Watchdog.ownerPID("bakeoff-cmd-99-ABCDEF123456"), 99)
        XCTAssertEqual(Watchdog.ownerPID("bakeoff-watch-4321"), 4321)
        XCTAssertEqual(Watchdog.ownerPID(".bakeoff-watch-4321.4321.12345.tmp"), 4321)
        XCTAssertNil(Watchdog.ownerPID("bakeoff-watch-4321.new"))
        XCTAssertNil(Watchdog.ownerPID("bakeoff-cmd-ABCDEF123456"))
        XCTAssertNil(Watchdog.ownerPID("bakeoff-netns-12x"))
        XCTAssertNil(Watchdog.ownerPID("bakeoff-test-1234"))
    }
}
