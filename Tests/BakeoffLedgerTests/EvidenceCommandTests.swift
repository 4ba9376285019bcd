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

    func testExportToAFileOrAnEmptyOutIsAUsageErrorThatSaysWhatToDo() throws {
        try folder.write("afile", "mine\n")
        let file = try evidence(["export", "--out", "afile"])
        XCTAssertEqual(file.status, 64, file.stderr)
        XCTAssertTrue(file.stderr.contains("--out 'afile' is a file, not a folder; give a folder"), file.stderr)
        let empty = try evidence(["export", "--out", ""])
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("--out is empty; give the folder"), empty.stderr)
        XCTAssertEqual(try folder.read("afile"), "mine\n")
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
    /// run-early's file with `change` applied to its JSON, written to inbox/NAME.json.
    private func variant(_ name: String, id: String? = nil, _ change: (inout [String: Any]) -> Void) throws -> String {
        var object = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runsFolder + "/run-early.json"))) as? [String: Any])
        object["id"] = id ?? name
        change(&object)
        let path = "inbox/\(name).json"
        try folder.write(path, String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        return path
    }

    private func editObservation(_ object: inout [String: Any], at index: Int = 0, _ key: String, _ value: Any) {
        var list = object["observations"] as! [[String: Any]]
        list[index][key] = value
        object["observations"] = list
    }

    func testATimeIsACalendarDayAndATimeOfDayInUTC() {
        for text in ["2026-11-29T04:59:29Z", "2024-02-29T00:00:00Z", "2000-02-29T23:59:59Z", "2026-11-29T04:59:29.123456Z"] {
            XCTAssertTrue(RunFile.isTime(text), text)
        }
        for text in [
            "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
            "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
            "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+00:00", "",
        ] {
            XCTAssertFalse(RunFile.isTime(text), text)
        }
    }

    func testImportRefusesImpossibleValuesAndLeavesTheLedgerAsItWas() throws {
        XCTAssertEqual(try evidence(["import"]).status, 0)
        let before = try evidence(["list"]).stdout
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("negative-wall", { self.editObservation(&$0, "wallSeconds", -1.5) },
             "`observations[0].wallSeconds`: -1.5 seconds is impossible (a duration is a finite number, 0 or more)"),
            ("negative-cpu", { self.editObservation(&$0, at: 2, "cpuSeconds", -0.25) }, "`observations[2].cpuSeconds`: -0.25 seconds is impossible"),
            ("negative-memory", { self.editObservation(&$0, "peakMemoryBytes", -4096) },
             "`observations[0].peakMemoryBytes`: -4096 is negative (a size or count is 0 or more)"),
            ("negative-install", { o in
                var list = o["environments"] as! [[String: Any]]
                list[0]["installSeconds"] = -3
                o["environments"] = list
            }, "`environments[0].installSeconds`: -3.0 seconds is impossible"),
            ("not-a-date", { $0["startedAt"] = "zzz-not-a-date" },
             "`startedAt`: 'zzz-not-a-date' is not an ISO 8601 UTC time such as 2026-11-29T04:59:29Z"),
            ("bad-month", { self.editObservation(&$0, "startedAt", "2026-13-01T00:00:00Z") }, "`observations[0].startedAt`: '2026-13-01T00:00:00Z' is not an ISO 8601"),
            ("local-time", { $0["endedAt"] = "2026-11-28T07:00:00+02:00" }, "`endedAt`: '2026-11-28T07:00:00+02:00' is not an ISO 8601 UTC time"),
            ("duplicate", { o in
                var list = o["observations"] as! [[String: Any]]
                list.append(list[1])
                o["observations"] = list
            }, "`observations[24]` repeats observations[1] (tracking/aim step log_runs repetition 1); each step of a repetition is measured once"),
        ]
        for (name, change, message) in cases {
            let path = try variant(name, change)
            let out = try evidence(["import", path])
            XCTAssertEqual(out.status, 1, name)
            XCTAssertTrue(out.stderr.hasPrefix("error: \(path): "), out.stderr)
            XCTAssertTrue(out.stderr.contains(message), "\(name): \(out.stderr)")
            XCTAssertTrue(out.stderr.contains("; fix the file"), out.stderr)
        }
        XCTAssertEqual(try evidence(["list"]).stdout, before, "a refused file changes nothing")

        // A known run id with different content is refused, from a given file and from evidence/runs alike.
        let edited = try variant("run-early", id: "run-early") { self.editObservation(&$0, "wallSeconds", 99.0) }
        let given = try evidence(["import", edited, "inbox/negative-wall.json"])
        XCTAssertEqual(given.status, 1)
        XCTAssertTrue(given.stderr.contains("run run-early is already in "), given.stderr)
        XCTAssertTrue(given.stderr.contains("with different content (`observations[0]` (aim setup repetition 1) differs); a run file is never edited"), given.stderr)
        try FileManager.default.removeItem(atPath: runsFolder + "/run-early.json")
        try FileManager.default.copyItem(atPath: folder.path + "/" + edited, toPath: runsFolder + "/run-early.json")
        let folderImport = try evidence(["import"])
        XCTAssertEqual(folderImport.status, 1)
        XCTAssertTrue(folderImport.stderr.contains("run run-early is already in "), folderImport.stderr)
        XCTAssertEqual(try evidence(["list"]).stdout, before)
    }

    func testImportWalksFoldersOnceAndRefusesAConflictLeavingTheLedgerAsItWas() throws {
        // Two shards' artifacts, as a CI download leaves them: one folder per shard, the same run twice.
        try FileManager.default.createDirectory(atPath: folder.url("artifacts/shard-1").path, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.url("artifacts/shard-2/.hidden").path, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: "\(runsFolder)/run-early.json", toPath: folder.url("artifacts/shard-1/run-early.json").path)
        try FileManager.default.moveItem(atPath: "\(runsFolder)/run-late.json", toPath: folder.url("artifacts/shard-2/run-late.json").path)
        try folder.write("artifacts/shard-2/run-early.json", try folder.read("artifacts/shard-1/run-early.json"))
        try folder.write("artifacts/shard-2/.hidden/junk.json", "not read")

        let first = try evidence(["import", "artifacts"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "imported run-early\nimported run-late\n")
        XCTAssertEqual(try evidence(["import", "artifacts"]).stdout, "nothing to import: the ledger already holds every run\n")

        // Same id, other content: refused with the first difference; nothing else from the batch gets in.
        var other = Fixture.run("run-other", startedAt: "2026-11-30T06:00:00Z")
        other.observations = Array(other.observations.prefix(2))
        let source = try Ledger.inMemory()
        try source.insert(other, ifMissing: false)
        _ = try source.exportRunFile("run-other", to: folder.url("inbox").path)
        let early = try folder.read("artifacts/shard-1/run-early.json")
        try folder.write("inbox/run-early.json", early.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"interrupted\""))
        let conflict = try evidence(["import", "inbox"])
        XCTAssertEqual(conflict.status, 1)
        XCTAssertTrue(
            conflict.stderr.hasPrefix("error: inbox/run-early.json: run run-early is already in "), conflict.stderr)
        XCTAssertTrue(conflict.stderr.contains("with different content (`status`"), conflict.stderr)
        XCTAssertEqual(try evidence(["list"]).stdout.split(separator: "\n").count, 2, "run-other was not imported")

        // Two files disagreeing with each other are refused the same way, before the ledger is touched.
        try folder.write("pair/a/run-new.json", try folder.read("inbox/run-other.json").replacingOccurrences(of: "run-other", with: "run-new"))
        try folder.write(
            "pair/b/run-new.json",
            try folder.read("pair/a/run-new.json").replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"interrupted\""))
        let pair = try evidence(["import", "pair"])
        XCTAssertEqual(pair.status, 1)
        XCTAssertTrue(pair.stderr.contains("run run-new is already in pair/a/run-new.json with different content"), pair.stderr)
    }

    func testMergeImportsAndWritesTheMissingRunFiles() throws {
        try FileManager.default.moveItem(atPath: runsFolder, toPath: folder.url("artifacts").path)
        let output = try evidence(["merge", "artifacts/run-early.json", "artifacts"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertEqual(
            output.stdout,
            """
            wrote evidence/runs/run-early.json
            wrote evidence/runs/run-late.json
            merged 2 runs: 2 imported, 0 already held, 2 run files written

            """)
        XCTAssertEqual(try folder.read("evidence/runs/run-late.json"), try folder.read("artifacts/run-late.json"))
        XCTAssertEqual(try evidence(["merge", "artifacts"]).stdout, "merged 2 runs: 0 imported, 2 already held, 0 run files written\n")
    }
}
