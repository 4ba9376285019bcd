import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

#if canImport(Glibc)
import Glibc
#endif

final class ServerStepTests: XCTestCase {
    static let client = """
        import json, os, time, urllib.request
        t = time.time()
        body = urllib.request.urlopen(f"http://127.0.0.1:{os.environ['BAKEOFF_PORT']}/page.html", timeout=5).read()
        print(json.dumps({"ok": b"hello" in body, "page_bytes": len(body), "fetch_s": time.time() - t, "port": int(os.environ["BAKEOFF_PORT"]),
                          "ready_seen": float(os.environ["BAKEOFF_READY_SECONDS"])}))
        """

    private func serve(_ f: Fixture, sandbox: NetworkSandbox) throws -> (Observation, UInt16) {
        try f.folder.write("work/page.html", "<p>hello</p>\n")
        try f.script("client.py", Self.client)
        let step = AdapterStep.server(
            command: ["sh", "-c", "echo $$ > server.pid; exec python3 -m http.server {port} --bind 127.0.0.1"],
            health: "/page.html", client: ["python3", "{adapter}/client.py"], readySeconds: 20)
        let o = f.run(step, f.context(sandbox: sandbox))
        let port = UInt16(o.metrics["port"] ?? 0)
        return (o, port)
    }

    private func assertServed(_ o: Observation, _ f: Fixture, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(o.status, .ok, o.reason ?? "", file: file, line: line)
        XCTAssertEqual(o.metrics["page_bytes"], 13, file: file, line: line)
        XCTAssertNotNil(o.metrics["fetch_s"], file: file, line: line)
        XCTAssertGreaterThan(o.metrics["ready_seconds"] ?? 0, 0, file: file, line: line)
        XCTAssertGreaterThan(o.metrics["server_peak_memory_bytes"] ?? 0, 5_000_000, file: file, line: line)
        // The client is told the runner's ready time (6 decimals), and the server's memory is read once the
        // client is done, while the server still runs.
        XCTAssertEqual(o.metrics["ready_seen"] ?? -1, o.metrics["ready_seconds"] ?? 0, accuracy: 1e-6, file: file, line: line)
        let after = o.metrics["server_memory_after_client_bytes"] ?? 0
        XCTAssertGreaterThan(after, 5_000_000, file: file, line: line)
        let pid = pid_t(f.read("work/server.pid").trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertFalse(isAlive(pid), "the server \(pid) is still running", file: file, line: line)
        XCTAssertEqual(kill(-pid, 0), -1, "a process of the server's group is left", file: file, line: line)
    }

    func testAServerIsPolledUntilHealthyServesItsClientAndIsStoppedWithItsPortClosed() throws {
        let f = try Fixture()
        let (o, port) = try serve(f, sandbox: .none("test"))
        assertServed(o, f)
        XCTAssertGreaterThan(port, 0)
        XCTAssertFalse(Loopback.isListening(port: port), "port \(port) still accepts connections")
    }

    func testAServerInALoopbackOnlyNamespaceIsReachedAndStopped() throws {
        let sandbox = NetworkSandbox.probe()
        defer { sandbox.close() }
        try XCTSkipUnless(sandbox.isIsolated && sandbox.canJoin, "no network namespace here: \(sandbox.description)")
        let f = try Fixture()
        let (o, _) = try serve(f, sandbox: sandbox)
        assertServed(o, f)
    }

    func testAServerThatNeverGetsHealthyFailsAtItsReadyDeadlineAndIsStopped() throws {
        let f = try Fixture()
        let step = AdapterStep.server(
            command: ["sh", "-c", "echo $$ > server.pid; trap '' TERM; exec python3 -m http.server {port} --bind 127.0.0.1"],
            health: "/missing", client: nil, readySeconds: 1.5)
        let o = f.run(step, f.context(grace: 1))
        XCTAssertEqual(o.status, .failed)
        XCTAssertEqual(o.reason, "the server was not ready: /missing did not answer 200 within 1.5 s")
        let pid = pid_t(f.read("work/server.pid").trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertFalse(isAlive(pid))
    }

    func testAServerThatExitsEarlyFailsWithItsExitCode() throws {
        let f = try Fixture()
        let step = AdapterStep.server(
            command: ["sh", "-c", "echo cannot bind >&2; exit 4"], health: "/", client: nil, readySeconds: 10)
        let o = f.run(step)
        XCTAssertEqual(o.status, .failed)
        XCTAssertEqual(o.exitCode, 4)
        XCTAssertEqual(o.reason, "the server exited before / answered 200")
        XCTAssertEqual(o.stderrTail, "cannot bind")
    }
}

final class NetworkSandboxTests: XCTestCase {
    func testStepsInTheSandboxSeeOnlyLoopback() throws {
        let sandbox = NetworkSandbox.probe()
        try XCTSkipUnless(sandbox.isIsolated, "no network namespace here: \(sandbox.description)")
        XCTAssertEqual(sandbox.description, "loopback-only")
        let f = try Fixture()
        let o = f.run(
            .command(["sh", "-c", "echo $$ > pid; ip -o link show | wc -l; ip -o link show up | grep -c ' lo:'; readlink /proc/self/ns/net"]),
            f.context(sandbox: sandbox))
        XCTAssertEqual(o.status, .ok)
        let lines = f.read("work/step.stdout").split(separator: "\n")
        XCTAssertEqual(lines.prefix(2), ["1", "1"])
        XCTAssertNotEqual(String(lines[2]), try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/net"))
        // The step kept the pid the runner started (nsenter execs, it does not fork).
        XCTAssertEqual(o.exitCode, 0)
        let holder = sandbox.holder!.process.pid
        XCTAssertTrue(isAlive(holder))
        sandbox.close()
        XCTAssertFalse(isAlive(holder), "the namespace holder outlived close()")
    }
}
