import Foundation
import TestSupport
import XCTest

@testable import BakeoffRunner

/// The co-install resolver's uv commands go through the one launcher: a timeout and an interruption stop the
/// whole process tree, and uv is found the way the environments find it.
final class CoInstallResolverTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder("bakeoff-resolver")
    }

    override func tearDown() {
        folder.remove()
    }

    /// An executable script `name` in the test folder's bin/.
    private func script(_ name: String, _ body: String) throws -> String {
        try folder.write("bin/\(name)", "#!/bin/sh\n" + body)
        let path = folder.url("bin/\(name)").path
        XCTAssertEqual(chmod(path, 0o755), 0)
        return path
    }

    /// A "uv" that starts a child, records both pids and waits: a hung resolution.
    private func hangingUV() throws -> UV {
        let uv = try script(
            "uv", "echo $$ > \(folder.path)/leader.pid\nsleep 30 &\necho $! > \(folder.path)/child.pid\nwait\n")
        return UV(command: [uv], environment: ["PATH": StepEnvironment.basePath])
    }

    /// The pids the hanging uv wrote, once both are written.
    private func pids() throws -> [pid_t] {
        try ["leader.pid", "child.pid"].map { name in
            let text = try folder.read(name).trimmingCharacters(in: .whitespacesAndNewlines)
            return try XCTUnwrap(pid_t(text), "\(name): '\(text)'")
        }
    }

    /// Alive and not a zombie waiting for its parent.
    private func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    func testResolutionStopsAtItsTimeoutWithItsWholeProcessTree() throws {
        let resolver = CoInstallResolver(uv: try hangingUV(), timeout: 1)
        let start = Date()
        XCTAssertThrowsError(try resolver.compile("six\n", python: "3.11")) { error in
            XCTAssertTrue("\(error)".contains("'uv pip compile' failed (stopped after 1 s)"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        for pid in try pids() { XCTAssertFalse(isAlive(pid), "process \(pid) outlived the timeout") }
    }

    func testInterruptionStopsTheResolutionWithItsWholeProcessTree() throws {
        let interruption = Interruption()
        let resolver = CoInstallResolver(uv: try hangingUV(), timeout: 60, interruption: interruption)
        let childPid = folder.url("child.pid").path
        DispatchQueue.global().async {
            // Once the hanging uv has started its child.
            for _ in 0..<500 where !FileManager.default.fileExists(atPath: childPid) { usleep(10_000) }
            interruption.request()
        }
        let start = Date()
        XCTAssertThrowsError(try resolver.compile("six\n", python: "3.11")) { error in
            XCTAssertTrue(error is Interrupted, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        for pid in try pids() { XCTAssertFalse(isAlive(pid), "process \(pid) outlived the interruption") }
    }

    func testTheEnvironmentsAndTheCoInstallCheckFindTheSameUV() throws {
        let fake = try script("uv", "echo 'uv 9.9.9 (fake)'\n")
        let environment = StepEnvironment.forInstall(from: [
            "PATH": folder.url("bin").path + ":" + StepEnvironment.basePath, "HOME": folder.path,
        ])
        let builder = EnvironmentBuilder(cacheFolder: folder.url("cache").path, fresh: false, installEnvironment: environment)
        let resolver = try CoInstallResolver.locate(environment: environment)
        XCTAssertEqual(resolver.uv.command, [fake])
        XCTAssertEqual(try builder.uv(), resolver.uv)
        XCTAssertEqual(try UV.locate(environment: environment), resolver.uv)
        XCTAssertEqual(try resolver.version(), "9.9.9")
    }
}
