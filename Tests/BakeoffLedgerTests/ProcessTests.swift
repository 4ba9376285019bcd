import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffLedger

/// Ledgers written by other processes: killed with SIGKILL mid-run, or two writing at once.
///
/// The writer is this test bundle started again on `LedgerChildProcess/testChild`, told what to do through
/// the environment; it prints `recorded N` after each `record` returns.
final class LedgerProcessTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder("bakeoff-ledger-processes") }
    override func tearDown() { folder.remove() }

    func testAKilledWriterLosesNoObservationWhoseRecordReturned() throws {
        let path = folder.url("evidence/ledger.sqlite").path
        // Three kills at different depths, on the same file: each later round also opens a ledger whose
        // writer died with a hot write-ahead log.
        for (round, killAfter) in [40, 150, 7].enumerated() {
            let runID = "killed-\(round)"
            let child = try Child.start(path: path, run: runID, count: nil)
            var acknowledged = 0
            while acknowledged < killAfter {
                guard let line = child.readLine() else {
                    return XCTFail("round \(round): the writer ended before being killed:\n\(child.rest())")
                }
                if let n = Child.acknowledgement(line) { acknowledged = n }
            }
            XCTAssertEqual(kill(child.process.processIdentifier, SIGKILL), 0)
            child.process.waitUntilExit()
            XCTAssertEqual(child.process.terminationReason, .uncaughtSignal, "round \(round)")
            XCTAssertEqual(child.process.terminationStatus, SIGKILL, "round \(round)")
            // Acknowledgements already in the pipe when the kill landed count too.
            for line in child.rest().split(separator: "\n") {
                if let n = Child.acknowledgement(String(line)) { acknowledged = max(acknowledged, n) }
            }

            let ledger = try Ledger(path: path)
            XCTAssertEqual(try ledger.pragma("integrity_check"), "ok", "round \(round)")
            let run = try XCTUnwrap(try ledger.run(runID), "round \(round): the run is missing")
            XCTAssertEqual(run.status, .abandoned, "a killed run is marked abandoned when the ledger is next opened")
            let stored = run.observations.map(\.repetition)
            // Every acknowledged observation, in order, plus at most the one being written when killed.
            XCTAssertEqual(Array(stored.prefix(acknowledged)), Array(1 ... acknowledged), "round \(round)")
            XCTAssertLessThanOrEqual(stored.count, acknowledged + 1, "round \(round)")
            XCTAssertEqual(stored, Array(stride(from: 1, through: stored.count, by: 1)), "round \(round): no gap")
        }
    }

    func testTwoProcessesWritingOneNewLedgerLoseNothing() throws {
        let path = folder.url("evidence/ledger.sqlite").path
        let count = 150
        // Both start on a ledger that does not exist yet: they race to create and migrate it, then to write.
        let children = try (0 ..< 2).map { try Child.start(path: path, run: "process-\($0)", count: count) }
        for (index, child) in children.enumerated() {
            let output = child.rest()
            child.process.waitUntilExit()
            XCTAssertEqual(child.process.terminationStatus, 0, "writer \(index) failed:\n\(output)")
            XCTAssertTrue(output.contains("recorded \(count)\n"), "writer \(index):\n\(output)")
        }
        let ledger = try Ledger(path: path)
        for index in 0 ..< 2 {
            let run = try XCTUnwrap(ledger.run("process-\(index)"))
            XCTAssertEqual(run.observations.map(\.repetition), Array(1 ... count))
            XCTAssertEqual(run.status, .complete)
        }
        XCTAssertEqual(try ledger.pragma("integrity_check"), "ok")
    }
}

/// The writer half: does nothing unless a `LedgerProcessTests` test started it.
final class LedgerChildProcess: XCTestCase {
    func testChild() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Child.pathVariable], let runID = environment[Child.runVariable] else {
            throw XCTSkip("runs only as the writer process of LedgerProcessTests")
        }
        let count = environment[Child.countVariable].flatMap { Int($0) }
        let ledger = try Ledger(path: path)
        var run = Fixture.run(runID)
        run.repetitions = count ?? 1
        try ledger.begin(run)
        // A bound, so a writer whose parent died does not write forever.
        let deadline = Date().addingTimeInterval(120)
        var n = 0
        while n < (count ?? 1_000_000), Date() < deadline {
            n += 1
            try ledger.record(Fixture.observation(runID, "tracking", "mlflow", "log_runs", repetition: n))
            FileHandle.standardOutput.write(Data("recorded \(n)\n".utf8))
        }
        try ledger.finish(run: runID, status: .complete, endedAt: "2026-11-29T05:00:00Z")
    }
}

/// A writer process and its standard output.
struct Child {
    static let pathVariable = "BAKEOFF_LEDGER_CHILD_PATH"
    static let runVariable = "BAKEOFF_LEDGER_CHILD_RUN"
    static let countVariable = "BAKEOFF_LEDGER_CHILD_COUNT"

    let process: Process
    let output: FileHandle
    private let buffer = LineBuffer()

    /// Starts this test bundle on `LedgerChildProcess/testChild`; `count` nil writes until killed.
    static func start(path: String, run: String, count: Int?) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        process.arguments = ["BakeoffLedgerTests.LedgerChildProcess/testChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[pathVariable] = path
        environment[runVariable] = run
        environment[countVariable] = count.map(String.init)
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Child(process: process, output: pipe.fileHandleForReading)
    }

    /// `N` from a `recorded N` line.
    static func acknowledgement(_ line: String) -> Int? {
        line.hasPrefix("recorded ") ? Int(line.dropFirst("recorded ".count)) : nil
    }

    /// The next line, or nil at the end of output.
    func readLine() -> String? {
        while true {
            if let line = buffer.takeLine() { return line }
            let data = output.availableData
            if data.isEmpty { return nil }
            buffer.append(data)
        }
    }

    /// Everything not read yet, up to the end of output.
    func rest() -> String {
        buffer.append(output.readDataToEndOfFile())
        return buffer.takeAll()
    }
}

final class LineBuffer: @unchecked Sendable {
    private var data = Data()

    func append(_ more: Data) { data.append(more) }

    func takeLine() -> String? {
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: data[data.startIndex ..< newline], as: UTF8.self)
        data = Data(data[(newline + 1)...])
        return line
    }

    func takeAll() -> String {
        defer { data = Data() }
        return String(decoding: data, as: UTF8.self)
    }
}
