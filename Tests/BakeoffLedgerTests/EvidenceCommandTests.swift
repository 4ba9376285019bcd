import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffLedger

/// `bakeoff evidence list|export|import`, run as a user would.
final class EvidenceCommandTests: XCTestCase {
    var folder: TemporaryFolder!
    var runsFolder: String { EvidenceStore.runsFolder(projectRoot: folder.path) }

    override func setUpWithError() throws {
        folder = try TemporaryFolder("bakeoff-evidence-command")
        let source = try Ledger.inMemory()
        var interrupted = Fixture.run("run-late", startedAt: "2026-11-29T06:00:00Z")
        interrupted.status = .interrupted
        interrupted.observations = Array(interrupted.observations.prefix(1))
        interrupted.environments = []
        for run in [interrupted, Fixture.run("run-early", startedAt: "2026-11-28T06:00:00Z")] {
            try source.insert(run, ifMissing: false)
            _ = try source.exportRunFile(run.id, to: runsFolder)
        }
    }

    override func tearDown() { folder.remove() }

    func evidence(_ arguments: [String]) throws -> CLI.Output {
        try CLI.run(["evidence"] + arguments + ["--project", folder.path], in: folder.path)
    }

    func testListImportsRunFilesAndPrintsOneLinePerRunByStart() throws {
        let output = try evidence(["list"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(
            output.stdout,
            """
            run-early  complete     2026-11-28T06:00:00Z  24 observations  tracking: aim, mlflow; versioning: dvc, lakefs
            run-late   interrupted  2026-11-29T06:00:00Z   1 observation   tracking: mlflow

            """)
        XCTAssertTrue(FileManager.default.fileExists(atPath: EvidenceStore.ledgerPath(projectRoot: folder.path)))
        XCTAssertEqual(try evidence([]).stdout, output.stdout, "list is the default")
    }

    func testExportRewritesTheSameBytesAndRefusesUnknownRuns() throws {
        let originals = try FileManager.default.contentsOfDirectory(atPath: runsFolder).sorted()
        let bytes = try originals.map { try Data(contentsOf: URL(fileURLWithPath: "\(runsFolder)/\($0)")) }
        XCTAssertEqual(try evidence(["import"]).stdout, "imported run-early\nimported run-late\n")
        try FileManager.default.removeItem(atPath: runsFolder)

        let output = try evidence(["export"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(
            output.stdout,
            "wrote evidence/runs/run-early.json (24 observations)\nwrote evidence/runs/run-late.json (1 observation)\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: runsFolder).sorted(), originals)
        XCTAssertEqual(try originals.map { try Data(contentsOf: URL(fileURLWithPath: "\(runsFolder)/\($0)")) }, bytes)

        let chosen = try evidence(["export", "run-late", "--out", "elsewhere"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertEqual(try folder.read("elsewhere/run-late.json"), try folder.read("evidence/runs/run-late.json"))

        let unknown = try evidence(["export", "run-late", "nope", "--out", "partial"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(
            unknown.stderr,
            "error: evidence/ledger.sqlite: no run 'nope' in the ledger; see 'bakeoff evidence list' for the recorded run ids\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url("partial").path), "nothing half-written")
    }

    func testImportTakesGivenFilesOnceAndNamesAMalformedOne() throws {
        try FileManager.default.moveItem(atPath: runsFolder, toPath: folder.url("inbox").path)
        let first = try evidence(["import", "inbox/run-late.json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "imported run-late\n")
        XCTAssertEqual(try evidence(["import", "inbox/run-late.json"]).stdout, "nothing to import: the ledger already holds every run\n")

        try folder.write("inbox/broken.json", "{\"schema\": 1, \"id\": \"x\"}")
        let broken = try evidence(["import", "inbox/run-early.json", "inbox/broken.json"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(
            broken.stderr.hasPrefix("error: inbox/broken.json: missing key `startedAt`; fix the file"), broken.stderr)
        XCTAssertEqual(try evidence(["list"]).stdout.split(separator: "\n").count, 1, "a malformed file imports nothing")

        let missing = try evidence(["import", "inbox/none.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: inbox/none.json: no such file; check the path\n")

        XCTAssertEqual(try evidence(["import", "--bogus"]).status, 64)
    }
}
