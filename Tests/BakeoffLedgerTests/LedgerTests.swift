import BakeoffModel
import Foundation
import TestSupport
import XCTest

@testable import BakeoffLedger

final class LedgerTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder("bakeoff-ledger") }
    override func tearDown() { folder.remove() }

    // MARK: - Migrations

    func testMigratesANewLedgerInMissingFoldersAndReopensIt() throws {
        let path = folder.url("a/b/evidence/ledger.sqlite").path
        let run = Fixture.run()
        do {
            let ledger = try Ledger(path: path)
            XCTAssertEqual(try ledger.appliedMigrations(), Ledger.migrator.migrations)
            XCTAssertEqual(try ledger.pragma("journal_mode"), "wal")
            XCTAssertEqual(try ledger.runs(), [])
            try Fixture.record(run, in: ledger)
        }
        let reopened = try Ledger(path: path)
        XCTAssertEqual(try reopened.appliedMigrations(), Ledger.migrator.migrations)
        XCTAssertEqual(try reopened.run(run.id), RunFile.canonical(run))
        XCTAssertEqual(try reopened.pragma("integrity_check"), "ok")
    }

    func testUpgradesALedgerWrittenBeforeTheLatestMigration() throws {
        let path = folder.url("ledger.sqlite").path
        let first = try XCTUnwrap(Ledger.migrator.migrations.first)
        XCTAssertGreaterThan(Ledger.migrator.migrations.count, 1, "this test needs at least two migrations")
        do {
            // Written as the first schema had it (today's insert names columns it did not have).
            let old = try Ledger(path: path, migratingUpTo: first)
            XCTAssertEqual(try old.appliedMigrations(), [first])
            try old.execute(
                """
                INSERT INTO run (id, startedAt, endedAt, status, repetitions, cpuModel, cores, memoryBytes, os, kernel,
                    python, uv, gitCommit, bakeoffVersion, network)
                VALUES ('old', '2026-11-01T00:00:00Z', NULL, 'complete', 2, 'cpu', 2, 1024, 'os', 'k', 'py', 'uv', 'c', 'v', 'n');
                INSERT INTO observation (runID, stage, tool, step, repetition, status, startedAt, wallSeconds, stderrTail, metrics)
                VALUES ('old', 's', 't', 'x', 1, 'ok', '2026-11-01T00:00:01Z', 1.5, '', '{}');
                """)
        }
        let upgraded = try Ledger(path: path)
        XCTAssertEqual(try upgraded.appliedMigrations(), Ledger.migrator.migrations)
        let run = try XCTUnwrap(try upgraded.run("old"))
        XCTAssertEqual(
            try upgraded.history { _ in [] }.summaries, [RunSummary(run)], "the index is built for runs recorded before it")
        XCTAssertNil(run.provenance.calibration, "runs from before calibration have none")
        XCTAssertEqual(run.observations.map(\.wallSeconds), [1.5])
        var calibrated = Fixture.run()
        calibrated.provenance.calibration = Calibration(workload: "xorshift64-100ms/release", iterationsPerSecond: 812_345_678)
        try upgraded.insert(calibrated, ifMissing: false)
        XCTAssertEqual(try upgraded.run(calibrated.id), RunFile.canonical(calibrated))

        // The run file carries it; one without leaves the key out, so older run files keep their bytes.
        let text = String(decoding: try RunFile.encode(calibrated), as: UTF8.self)
        XCTAssertTrue(text.contains("\"calibration\": {\n      \"iterationsPerSecond\": 812345678.0,\n      \"workload\": \"xorshift64-100ms/release\"\n    },"), text)
        XCTAssertEqual(try RunFile.decode(Data(text.utf8), file: "x.json"), RunFile.canonical(calibrated))
        XCTAssertFalse(String(decoding: try RunFile.encode(run), as: UTF8.self).contains("calibration"))
    }

    func testRefusesALedgerFromANewerBakeoffAndADamagedFile() throws {
        let newer = folder.url("newer.sqlite").path
        try Ledger(path: newer).execute("INSERT INTO grdb_migrations (identifier) VALUES ('v3: from the future')")
        XCTAssertThrowsError(try Ledger(path: newer)) { error in
            XCTAssertEqual(
                "\(error)",
                "\(newer): was written by a newer bakeoff (it has migrations this one does not know); "
                    + "upgrade bakeoff, or move the ledger aside and rebuild it with 'bakeoff evidence import'")
        }
        let damaged = folder.url("damaged.sqlite").path
        try folder.write("damaged.sqlite", String(repeating: "not a database ", count: 400))
        XCTAssertThrowsError(try Ledger(path: damaged)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("\(damaged): cannot open the ledger: "), message)
            XCTAssertTrue(message.contains("move it aside and rebuild it from evidence/runs"), message)
        }
    }

    // MARK: - Round trip and determinism

    func testRunSurvivesLedgerRunFileAndLedgerUnchanged() throws {
        let original = Fixture.run()
        let first = try Ledger(path: folder.url("one.sqlite").path)
        try Fixture.record(original, in: first)
        let stored = try XCTUnwrap(try first.run(original.id))
        XCTAssertEqual(stored, RunFile.canonical(original))
        // Canonical order changes only the order, and keeps step order within a repetition.
        XCTAssertEqual(Set(stored.observations), Set(original.observations))
        XCTAssertEqual(
            stored.observations.filter { $0.tool == "mlflow" && $0.repetition == 1 }.map(\.step),
            ["setup", "log_runs", "query"])

        let exported = try first.exportRunFile(original.id, to: folder.url("runs").path)
        XCTAssertEqual(exported, folder.url("runs/\(original.id).json").path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: exported))
        XCTAssertEqual(try RunFile.decode(bytes, file: exported), stored)

        let second = try Ledger(path: folder.url("two.sqlite").path)
        XCTAssertEqual(try second.importRunFiles(from: folder.url("runs").path), [original.id])
        XCTAssertEqual(try second.run(original.id), stored)
        XCTAssertEqual(try RunFile.encode(try XCTUnwrap(second.run(original.id))), bytes)
    }

    func testRunFileIsByteIdenticalWhateverTheRecordingOrder() throws {
        let run = Fixture.run()
        var reordered = run
        // Another interleaving a runner could produce: tools in the opposite order, environments shuffled.
        reordered.observations = run.observations.reversed().enumerated().sorted { a, b in
            (a.element.repetition, a.element.stage, a.element.tool, -a.offset)
                < (b.element.repetition, b.element.stage, b.element.tool, -b.offset)
        }.map(\.element)
        reordered.environments.reverse()
        XCTAssertNotEqual(reordered.observations, run.observations)

        let a = try Ledger(path: folder.url("a.sqlite").path)
        let b = try Ledger(path: folder.url("b.sqlite").path)
        try Fixture.record(run, in: a)
        try Fixture.record(reordered, in: b)
        let first = try Data(contentsOf: URL(fileURLWithPath: try a.exportRunFile(run.id, to: folder.url("a").path)))
        let again = try Data(contentsOf: URL(fileURLWithPath: try a.exportRunFile(run.id, to: folder.url("a").path)))
        let other = try Data(contentsOf: URL(fileURLWithPath: try b.exportRunFile(run.id, to: folder.url("b").path)))
        XCTAssertEqual(first, again)
        XCTAssertEqual(first, other)
        XCTAssertEqual(try RunFile.encode(run), first)
        XCTAssertEqual(first.last, UInt8(ascii: "\n"))
        // Nothing but the run file is left in the folder (the temporary file was renamed into place).
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url("a").path), ["\(run.id).json"])
    }

    /// docs/run-files.md shows what `encode` writes, byte for byte; `RECORD_SNAPSHOTS=1` rewrites the example.
    func testTheDocumentedExampleIsWhatEncodeWrites() throws {
        let url = URL(fileURLWithPath: Repository.root).appendingPathComponent("docs/run-files.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        let expected = String(decoding: try RunFile.encode(Fixture.documented), as: UTF8.self)
        let open = "<!-- example: written by RunFile.encode(Fixture.documented) -->\n```json\n"
        let start = try XCTUnwrap(page.range(of: open), "docs/run-files.md lost its example marker").upperBound
        let end = try XCTUnwrap(page.range(of: "```", range: start ..< page.endIndex)).lowerBound
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data((page[..<start] + expected + page[end...]).utf8).write(to: url)
            return
        }
        XCTAssertEqual(String(page[start ..< end]), expected, "RECORD_SNAPSHOTS=1 rewrites the example")
        XCTAssertEqual(try RunFile.decode(Data(expected.utf8), file: "example"), RunFile.canonical(Fixture.documented))
    }

    func testNumbersRoundTripExactly() throws {
        var generator = SplitMix(seed: 42)
        var run = Fixture.run()
        for index in run.observations.indices {
            let bits = generator.next()
            run.observations[index].wallSeconds = Double(bitPattern: bits & 0x7FEF_FFFF_FFFF_FFFF)
            run.observations[index].cpuSeconds = Double(generator.next() % 1_000_000_000) / 1_000_000
            run.observations[index].peakMemoryBytes = Int64(bitPattern: generator.next() & 0x7FFF_FFFF_FFFF_FFFF)
            run.observations[index].metrics = ["x": Double(bitPattern: generator.next() & 0xBFEF_FFFF_FFFF_FFFF)]
        }
        let decoded = try RunFile.decode(try RunFile.encode(run), file: "x.json")
        for (a, b) in zip(decoded.observations, RunFile.canonical(run).observations) {
            XCTAssertEqual(a.wallSeconds?.bitPattern, b.wallSeconds?.bitPattern)
            XCTAssertEqual(a.metrics["x"]?.bitPattern, b.metrics["x"]?.bitPattern)
            XCTAssertEqual(a.peakMemoryBytes, b.peakMemoryBytes)
        }
        let ledger = try Ledger.inMemory()
        try ledger.insert(run, ifMissing: false)
        XCTAssertEqual(try ledger.run(run.id), decoded)
    }

    // MARK: - Import

    func testARunLeftRunningByAProcessThatIsGoneIsMarkedAbandonedAtTheNextOpen() throws {
        let path = folder.url("ledger.sqlite").path
        let ledger = try Ledger(path: path)
        for id in ["live", "dead", "reused", "rebooted", "finished"] {
            try ledger.begin(Fixture.run(id, startedAt: "2026-11-29T04:00:00Z"))
        }
        try ledger.finish(run: "finished", status: .complete, endedAt: "2026-11-29T05:00:00Z")
        // A pid that has exited: a process started and waited for.
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let me = RunOwner.current
        try ledger.record(owner: RunOwner(pid: exited.processIdentifier, startTicks: 1, boot: me.boot), run: "dead")
        try ledger.record(owner: RunOwner(pid: me.pid, startTicks: me.startTicks + 1, boot: me.boot), run: "reused")
        try ledger.record(owner: RunOwner(pid: me.pid, startTicks: me.startTicks, boot: "another boot"), run: "rebooted")
        try ledger.record(owner: RunOwner(pid: exited.processIdentifier, startTicks: 1, boot: me.boot), run: "finished")
        // An imported run file that says running has no recorded process: left as it is.
        var imported = Fixture.run("imported", startedAt: "2026-11-29T04:00:00Z")
        imported.status = .running
        try ledger.insert(imported, ifMissing: false)

        let reopened = try Ledger(path: path)
        let statuses = Dictionary(uniqueKeysWithValues: try reopened.runs().map { ($0.id, $0.status) })
        XCTAssertEqual(
            statuses,
            ["live": .running, "dead": .abandoned, "reused": .abandoned, "rebooted": .abandoned, "finished": .complete,
             "imported": .running])
        XCTAssertEqual(try reopened.closeAbandonedRuns(), [])
        // An abandoned run's file says so, and reads back.
        let file = try reopened.exportRunFile("dead", to: folder.url("runs").path)
        XCTAssertEqual(try RunFile.decode(Data(contentsOf: URL(fileURLWithPath: file)), file: file).status, .abandoned)
    }

    func testImportSkipsRunsTheLedgerAlreadyHolds() throws {
        let runs = folder.url("runs").path
        let a = Fixture.run("run-a", startedAt: "2026-11-29T04:00:00Z")
        let b = Fixture.run("run-b", startedAt: "2026-11-28T04:00:00Z")
        let source = try Ledger.inMemory()
        for run in [a, b] {
            try source.insert(run, ifMissing: false)
            _ = try source.exportRunFile(run.id, to: runs)
        }
        let ledger = try Ledger(path: folder.url("ledger.sqlite").path)
        var local = a
        local.status = .interrupted
        local.observations.removeLast(5)
        try ledger.insert(local, ifMissing: false)

        // run-a.json is named after a run the ledger holds: skipped unread.
        XCTAssertEqual(try ledger.importRunFiles(from: runs), ["run-b"])
        XCTAssertEqual(try ledger.run("run-a"), RunFile.canonical(local), "an existing run is never overwritten")
        XCTAssertEqual(try ledger.runs().map(\.id), ["run-b", "run-a"], "sorted by start time")
        XCTAssertEqual(try ledger.importRunFiles(from: runs), [])
        XCTAssertEqual(try ledger.importRunFiles(from: folder.url("no such folder").path), [])
        // The same id under another name, or every file when asked to verify, is read: different content is refused.
        XCTAssertThrowsError(try ledger.importRunFiles(from: runs, verifyKnown: true)) { error in
            XCTAssertTrue("\(error)".contains("run run-a is already in "), "\(error)")
            XCTAssertTrue("\(error)".contains("(`status`: interrupted there, complete here)"), "\(error)")
        }
        try FileManager.default.copyItem(atPath: "\(runs)/run-a.json", toPath: "\(runs)/copy of a.json")
        XCTAssertThrowsError(try ledger.importRunFiles(from: runs))
        XCTAssertEqual(try ledger.run("run-a"), RunFile.canonical(local))
        // The same content under another name is no conflict.
        try FileManager.default.removeItem(atPath: "\(runs)/copy of a.json")
        try FileManager.default.copyItem(atPath: "\(runs)/run-b.json", toPath: "\(runs)/copy of b.json")
        XCTAssertEqual(try ledger.importRunFiles(from: runs), [])
    }

    func testMalformedRunFilesAreNamedWithWhatIsWrong() throws {
        let valid = String(decoding: try RunFile.encode(Fixture.run("good")), as: UTF8.self)
        let cases: [(String, String, String)] = [
            ("truncated", String(valid.prefix(200)), "not valid JSON"),
            ("not-json", "hello", "not valid JSON"),
            ("no-schema", "{\"id\": \"x\"}", "missing key `schema`"),
            ("newer", valid.replacingOccurrences(of: "\"schema\": 1", with: "\"schema\": 2"), "upgrade bakeoff"),
            ("no-step", valid.replacingOccurrences(of: "\"step\": \"query\",", with: ""), "missing key `observations["),
            ("bad-status", valid.replacingOccurrences(of: "\"status\": \"timeout\"", with: "\"status\": \"slow\""),
             "observations[0].status`: 'slow' is not one of ok, failed, timeout, unsupported, skipped"),
            ("bad-type", valid.replacingOccurrences(of: "\"repetitions\": 2", with: "\"repetitions\": \"two\""),
             "`repetitions`: expected a whole number"),
            ("bad-id", valid.replacingOccurrences(of: "\"id\": \"good\"", with: "\"id\": \"../evil\""), "`id`"),
            ("zero-rep", valid.replacingOccurrences(of: "\"repetition\": 1,", with: "\"repetition\": 0,"),
             "repetition`: 0 is less than 1"),
        ]
        for (name, text, expected) in cases {
            XCTAssertNotEqual(text, valid, "case \(name) must change the file")
            let runs = folder.url("case-\(name)").path
            try folder.write("case-\(name)/a-good.json", valid)
            try folder.write("case-\(name)/\(name).json", text)
            let ledger = try Ledger.inMemory()
            XCTAssertThrowsError(try ledger.importRunFiles(from: runs), name) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("\(runs)/\(name).json: "), "\(name): \(message)")
                XCTAssertTrue(message.contains(expected), "\(name): expected '\(expected)' in \(message)")
                XCTAssertTrue(message.contains("; "), "\(name): says what to do: \(message)")
            }
            XCTAssertEqual(try ledger.runIDs(), [], "\(name): a malformed file imports nothing")
        }
    }

    // MARK: - Writing rules

    func testObservationsNeedTheirRunAndFiniteNumbers() throws {
        let ledger = try Ledger.inMemory()
        let observation = Fixture.observation("nope", "tracking", "mlflow", "setup", repetition: 1)
        XCTAssertThrowsError(try ledger.record(observation)) { XCTAssertTrue("\($0)".contains("no run 'nope'")) }
        let run = Fixture.run()
        try ledger.begin(run)
        var nan = observation
        nan.runID = run.id
        nan.metrics = ["loss": .nan]
        XCTAssertThrowsError(try ledger.record(nan)) { XCTAssertTrue("\($0)".contains("metrics.loss is nan")) }
        XCTAssertThrowsError(try ledger.begin(run)) { XCTAssertTrue("\($0)".contains("already recorded")) }
        XCTAssertThrowsError(try ledger.exportRunFile("missing", to: folder.path)) {
            XCTAssertTrue("\($0)".contains("no run 'missing'"))
        }
        let started = try XCTUnwrap(ledger.run(run.id))
        XCTAssertEqual(started.status, .running)
        XCTAssertNil(started.endedAt)
        XCTAssertEqual(started.observations, [], "begin records the run alone; observations come one by one")
        try ledger.finish(run: run.id, status: .interrupted, endedAt: "2026-11-29T04:05:00Z")
        XCTAssertEqual(try ledger.run(run.id)?.status, .interrupted)
        XCTAssertEqual(try ledger.run(run.id)?.endedAt, "2026-11-29T04:05:00Z")
    }

    func testRecordingAnEnvironmentAgainReplacesIt() throws {
        let ledger = try Ledger.inMemory()
        var run = Fixture.run()
        run.environments = []
        try ledger.begin(run)
        try ledger.record(Fixture.environment("tracking", "mlflow"), run: run.id)
        var reused = Fixture.environment("tracking", "mlflow", installSeconds: nil)
        reused.packages = ["mlflow==2.18.0"]
        try ledger.record(reused, run: run.id)
        XCTAssertEqual(try ledger.run(run.id)?.environments, [reused])
    }

    // MARK: - Concurrency

    func testTwoLedgersOnOneFileFromTwoThreadsLoseNothing() throws {
        let path = folder.url("shared/ledger.sqlite").path
        let perWriter = 300
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            do {
                // Each thread opens its own ledger at the same moment: the first one creates and migrates it.
                let ledger = try Ledger(path: path)
                let run = Fixture.run("writer-\(writer)")
                try ledger.begin(Run(
                    id: run.id, startedAt: run.startedAt, endedAt: nil, status: .running, repetitions: perWriter,
                    provenance: run.provenance, environments: [], observations: []))
                for repetition in 1 ... perWriter {
                    try ledger.record(Fixture.observation(run.id, "tracking", "mlflow", "log_runs", repetition: repetition))
                }
                try ledger.finish(run: run.id, status: .complete, endedAt: "2026-11-29T05:00:00Z")
            } catch {
                failures.add("\(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        let ledger = try Ledger(path: path)
        for writer in 0 ..< 2 {
            let run = try XCTUnwrap(ledger.run("writer-\(writer)"))
            XCTAssertEqual(run.observations.map(\.repetition), Array(1 ... perWriter))
            XCTAssertEqual(run.status, .complete)
        }
        XCTAssertEqual(try ledger.pragma("integrity_check"), "ok")
    }

    // MARK: - The index

    func testTheIndexSummarizesEachRunAsItsObservationsDoAfterEveryWrite() throws {
        let ledger = try Ledger(path: folder.url("ledger.sqlite").path)
        var run = Fixture.run("recorded", startedAt: "2026-11-02T00:00:00Z")
        let observations = run.observations
        try ledger.begin(run)
        func summary() throws -> [RunSummary] { try ledger.history { _ in [] }.summaries }
        run.status = .running
        run.endedAt = nil
        run.observations = []
        XCTAssertEqual(try summary(), [RunSummary(run)])
        XCTAssertEqual(try summary().first?.parts, [], "nothing observed yet")
        for observation in observations {
            try ledger.record(observation)
            run.observations.append(observation)
            XCTAssertEqual(try summary(), [RunSummary(run)], "after \(observation.tool) \(observation.step) \(observation.repetition)")
        }
        try ledger.finish(run: run.id, status: .complete, endedAt: "2026-11-02T00:10:00Z")
        run.status = .complete
        run.endedAt = "2026-11-02T00:10:00Z"
        // One run inserted whole (a run file), older than the recorded one; the index keeps both, oldest first.
        let imported = Fixture.run("imported", startedAt: "2026-11-01T00:00:00Z")
        try ledger.insert(imported, ifMissing: false)
        XCTAssertEqual(try summary(), [RunSummary(imported), RunSummary(run)])

        let part = try XCTUnwrap(RunSummary(run).part(stage: "tracking", tool: "aim"))
        XCTAssertEqual(part.observations, 6)
        XCTAssertEqual(part.repetitions, 2)
        XCTAssertEqual(part.okRepetitions, 2, "repetition 1 has a timeout, an unsupported step and one ok")
        XCTAssertEqual(part.fullSteps, ["log_runs", "query", "setup"])
        XCTAssertTrue(part.covers(["setup", "query"]))
        XCTAssertFalse(part.covers(["setup", "deploy"]))
    }

    func testTheIndexKeepsAnyStepIdExactly() {
        for steps in [[], [""], ["setup"], ["a", "", "b\\c", "d\ne", "\r", "x\\n", "\r\n", "😀\u{1}"]] {
            XCTAssertEqual(Ledger.steps(fromList: Ledger.stepList(steps)), steps, "\(steps)")
        }
        XCTAssertEqual(Ledger.stepList(["a", "b"]), "a\nb\n")
    }

    func testAHistoryHoldsOnlyThePickedRunsInFull() throws {
        let ledger = try Ledger(path: folder.url("ledger.sqlite").path)
        let runs = (1 ... 3).map { Fixture.run("r\($0)", startedAt: "2026-11-0\($0)T00:00:00Z") }
        for run in runs { try ledger.insert(run, ifMissing: false) }
        var offered: [String] = []
        let history = try ledger.history { summaries in
            offered = summaries.summaries.map(\.id)
            XCTAssertEqual(summaries.runs, [], "nothing is read in full before the pick")
            return ["r2", "unknown"]
        }
        XCTAssertEqual(offered, ["r1", "r2", "r3"], "every run is summarized, oldest first")
        XCTAssertEqual(history.summaries, runs.map(RunSummary.init))
        XCTAssertEqual(history.runs, [RunFile.canonical(runs[1])], "only the picked run is read in full; an unknown id reads nothing")
        XCTAssertNil(history.run("r1"))
        XCTAssertEqual(history.ids, ["r1", "r2", "r3"])
    }

    func testAHistoryPickingMoreRunsThanOneQueryNamesReadsThemAll() throws {
        let ledger = try Ledger.inMemory()
        let count = Ledger.maxBatch + 3
        var picked: [Run] = []
        for i in 0..<count {
            var run = Fixture.run(String(format: "r%04d", i), startedAt: "2026-11-01T00:00:00Z")
            run.observations = Array(run.observations.prefix(2))
            run.environments = Array(run.environments.prefix(1))
            try ledger.insert(run, ifMissing: false)
            if i != 7 { picked.append(RunFile.canonical(run)) }
        }
        let history = try ledger.history { _ in Set(picked.map(\.id)) }
        XCTAssertGreaterThan(picked.count, Ledger.maxBatch, "more than one query's worth")
        XCTAssertEqual(history.runs.sorted { $0.id < $1.id }, picked, "every picked run, with its environments and observations")
    }

    func testRunsInsertedTogetherSpanTransactionsAndARefusalInsertsNone() throws {
        let ledger = try Ledger.inMemory()
        let runs = (0..<(2 * Ledger.importBatch + 3)).map { i in
            var run = Fixture.run(String(format: "r%04d", i), startedAt: "2026-11-01T00:00:00Z")
            run.observations = Array(run.observations.prefix(2))
            run.environments = Array(run.environments.prefix(1))
            return run
        }
        XCTAssertEqual(try ledger.insert(Array(runs[0..<5]), ifMissing: false), runs[0..<5].map(\.id))
        XCTAssertEqual(try ledger.insert(runs, ifMissing: true), runs.dropFirst(5).map(\.id), "the recorded five are left alone")
        XCTAssertEqual(try ledger.runIDs(), runs.map(\.id))
        XCTAssertEqual(try ledger.runs(ids: ["r0003", "nope", "r0402"]).map(\.id), ["r0003", "r0402"])

        let fresh = try Ledger.inMemory()
        var broken = runs
        broken[broken.count - 1].observations[0].runID = "another"
        XCTAssertThrowsError(try fresh.insert(broken, ifMissing: false)) {
            XCTAssertTrue("\($0)".contains("belongs to run 'another'"), "\($0)")
        }
        XCTAssertEqual(try fresh.runIDs(), [], "the last run's fault is found before the first batch is written")
    }

    // MARK: - The project's evidence

    func testLoadRunsOnAFreshCloneBuildsTheLedgerFromRunFiles() throws {
        let root = folder.path
        let source = try Ledger.inMemory()
        for run in [Fixture.run("b", startedAt: "2026-11-02T00:00:00Z"), Fixture.run("a", startedAt: "2026-11-03T00:00:00Z")] {
            try source.insert(run, ifMissing: false)
            _ = try source.exportRunFile(run.id, to: EvidenceStore.runsFolder(projectRoot: root))
        }
        let ledgerPath = EvidenceStore.ledgerPath(projectRoot: root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: ledgerPath))
        let runs = try EvidenceStore.loadRuns(projectRoot: root)
        XCTAssertEqual(runs.map(\.id), ["b", "a"])
        XCTAssertEqual(runs, try source.runs())
        XCTAssertTrue(FileManager.default.fileExists(atPath: ledgerPath))
        XCTAssertEqual(try Ledger(path: ledgerPath).runIDs(), ["a", "b"])
        XCTAssertEqual(try EvidenceStore.loadRuns(projectRoot: root), runs)
        XCTAssertEqual(try EvidenceStore.loadRuns(projectRoot: folder.url("empty project").path), [])
    }

    /// The evidence opened early reads what the evidence opened late reads, whether its guess at the runs an
    /// evaluation picks was right (the newest) or missed (an older, pinned one), and on a fresh clone it builds the ledger.
    func testTheEvidenceOpenedEarlyReadsWhatAPlainReadReads() throws {
        let root = folder.path
        let source = try Ledger.inMemory()
        var partial = Fixture.run("c", startedAt: "2026-11-04T00:00:00Z")
        partial.status = .interrupted
        for run in [Fixture.run("a", startedAt: "2026-11-02T00:00:00Z"), Fixture.run("b", startedAt: "2026-11-03T00:00:00Z"), partial] {
            try source.insert(run, ifMissing: false)
            _ = try source.exportRunFile(run.id, to: EvidenceStore.runsFolder(projectRoot: root))
        }
        for pick in [["c"], ["b", "c"], ["a"], ["a", "c"], []] {
            let early = try EvidenceReader.start(projectRoot: root).history { _ in Set(pick) }
            let late = try EvidenceStore.loadHistory(projectRoot: root) { _ in Set(pick) }
            XCTAssertEqual(early.summaries, late.summaries, "\(pick)")
            XCTAssertEqual(early.runs, late.runs, "\(pick)")
            XCTAssertEqual(early.runs.map(\.id), pick, "only the picked runs are held")
        }
        XCTAssertEqual(try Ledger(path: EvidenceStore.ledgerPath(projectRoot: root)).runIDs(), ["a", "b", "c"])
    }

    func testLoadRunsInAReadOnlyProjectFallsBackToMemory() throws {
        // As root, file modes do not stop writes: run this test as another user, e.g.
        // runuser -u nobody -- .build/debug/bakeoffPackageTests.xctest BakeoffLedgerTests.LedgerTests
        try XCTSkipIf(geteuid() == 0, "root writes through file modes; run as another user to check this")
        let root = folder.url("project").path
        let source = try Ledger.inMemory()
        let run = Fixture.run("only-in-a-file")
        try source.insert(run, ifMissing: false)
        _ = try source.exportRunFile(run.id, to: EvidenceStore.runsFolder(projectRoot: root))
        let evidence = root + "/evidence"
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: evidence)
        XCTAssertEqual(try EvidenceStore.loadRuns(projectRoot: root), [RunFile.canonical(run)])
        XCTAssertFalse(FileManager.default.fileExists(atPath: EvidenceStore.ledgerPath(projectRoot: root)))

        // With a ledger that holds a run no file has, that run is read too.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: evidence)
        let local = Fixture.run("only-in-the-ledger", startedAt: "2026-11-30T00:00:00Z")
        try Fixture.record(local, in: try Ledger(path: EvidenceStore.ledgerPath(projectRoot: root)))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: evidence)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: evidence) }
        XCTAssertEqual(
            try EvidenceStore.loadRuns(projectRoot: root), [RunFile.canonical(run), RunFile.canonical(local)])
    }
}

/// Errors gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

/// A small deterministic generator, so a failing case can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
