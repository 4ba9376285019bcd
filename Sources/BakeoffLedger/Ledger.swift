import BakeoffFiles
import BakeoffModel
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite store of every run, environment and observation (`evidence/ledger.sqlite`).
///
/// Write-ahead log, `synchronous = FULL`, one immediate transaction per write: an observation is on disk
/// when `record` returns, a killed process loses nothing already recorded, and several processes may write
/// the same ledger at once (they wait for each other up to a busy timeout instead of failing).
public final class Ledger: Sendable {
    /// The database file, or `:memory:`.
    public let path: String
    private let database: any DatabaseWriter

    /// How long a writer waits for another process holding the write lock before giving up.
    static let busyTimeout: TimeInterval = 60

    /// Opens (creating folders and file as needed) and migrates the ledger at `path`.
    /// Runs left `running` by a process that no longer exists are marked `abandoned` on opening.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingUpTo: nil)
        try closeAbandonedRuns()
    }

    /// Opens the ledger at `path`, applying migrations up to `target` (all when nil): tests build old ledgers.
    init(path: String, migratingUpTo target: String?) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw LedgerError(
                file: path, problem: "cannot create its folder: \(error.localizedDescription)",
                remedy: "check that \(folder) can be created and written")
        }
        // Two processes opening a new ledger at once would both try to apply the first migration; an
        // advisory lock on a side file serialises opening (never the SQLite file itself: closing any
        // descriptor of it would drop SQLite's own POSIX locks).
        let lock = try Self.lockFile(path + "-lock")
        defer { close(lock) }
        do {
            database = try DatabasePool(path: path, configuration: Self.configuration())
            try Self.migrate(database, path: path, upTo: target)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(
                file: path, problem: "cannot open the ledger: \(error)",
                remedy: "if it is damaged, move it aside and rebuild it from evidence/runs with 'bakeoff evidence import'")
        }
    }

    /// A ledger that lives only in this process: for read-only checkouts and tests.
    public static func inMemory() throws -> Ledger {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrate(queue, path: ":memory:")
        return Ledger(database: queue, path: ":memory:")
    }

    /// The runs of a ledger this process cannot write (a read-only folder), read from a copy in the
    /// temporary folder: SQLite cannot open a write-ahead-log database where it cannot create its `-shm` file.
    static func runs(copying path: String) throws -> [Run] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return [] }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("bakeoff-ledger-\(UUID().uuidString)")
        defer { try? fm.removeItem(atPath: folder) }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let copy = (folder as NSString).appendingPathComponent("ledger.sqlite")
            try fm.copyItem(atPath: path, toPath: copy)
            if fm.fileExists(atPath: path + "-wal") { try fm.copyItem(atPath: path + "-wal", toPath: copy + "-wal") }
            return try Ledger(path: copy).runs()
        } catch {
            throw LedgerError(
                file: path, problem: "cannot be read from this read-only folder: \(error)",
                remedy: "make the folder writable, or move the ledger aside to use the run files alone")
        }
    }

    private init(database: any DatabaseWriter, path: String) {
        self.database = database
        self.path = path
    }

    // MARK: - Writing

    /// Records the start of a run: its row (status `running`, no end) and provenance.
    ///
    /// The run's environments and observations are not read: record each one as it is measured.
    public func begin(_ run: Run) throws {
        var run = run
        run.status = .running
        run.endedAt = nil
        run.environments = []
        run.observations = []
        try insert(run, ifMissing: false)
        // Which process records the run, so a later one can tell a live run from one whose process died.
        try record(owner: .current, run: run.id)
    }

    /// Records the process that records `run`.
    func record(owner: RunOwner, run: String) throws {
        try transaction { db in
            // A ledger held at an older migration (tests build them) has no table to record it in.
            guard try db.tableExists("run_owner") else { return }
            try db.execute(
                sql: "INSERT OR REPLACE INTO run_owner (runID, pid, startTicks, boot) VALUES (?, ?, ?, ?)",
                arguments: [run, owner.pid, owner.startTicks, owner.boot])
        }
    }

    /// Marks `abandoned` every run still `running` whose recording process no longer exists (or whose
    /// machine has restarted since); returns their ids. A run without a recorded process (from a run file)
    /// is left as it is.
    @discardableResult
    public func closeAbandonedRuns() throws -> [String] {
        let running = try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.id, run_owner.pid, run_owner.startTicks, run_owner.boot FROM run
                    JOIN run_owner ON run_owner.runID = run.id WHERE run.status = ? ORDER BY run.id
                    """,
                arguments: [RunStatus.running.rawValue])
        }
        let gone = running.filter { row in
            !RunOwner(pid: row[1], startTicks: row[2], boot: row[3]).isAlive
        }.map { row -> String in row[0] }
        guard !gone.isEmpty else { return [] }
        try transaction { db in
            for id in gone {
                try db.execute(
                    sql: "UPDATE run SET status = ? WHERE id = ? AND status = ?",
                    arguments: [RunStatus.abandoned.rawValue, id, RunStatus.running.rawValue])
            }
        }
        return gone
    }

    /// Records one observation in its own transaction; it is on disk when this returns.
    public func record(_ observation: Observation) throws {
        try check(observation)
        try transaction { db in
            try self.requireRun(observation.runID, db, doing: "record an observation")
            try Self.insert(observation, db)
            try Self.summarize(run: observation.runID, db)
        }
    }

    /// Records (or replaces) the environment of one tool of a run.
    public func record(_ environment: EnvironmentRecord, run: String) throws {
        try check(environment, run: run)
        try transaction { db in
            try self.requireRun(run, db, doing: "record an environment")
            try Self.insert(environment, run: run, db)
        }
    }

    /// Marks how and when a run ended.
    public func finish(run: String, status: RunStatus, endedAt: String) throws {
        try transaction { db in
            try self.requireRun(run, db, doing: "finish it")
            try db.execute(
                sql: "UPDATE run SET status = ?, endedAt = ? WHERE id = ?", arguments: [status.rawValue, endedAt, run])
        }
    }

    /// Inserts a whole run in one transaction; with `ifMissing`, an existing id is left alone and false returned.
    @discardableResult
    public func insert(_ run: Run, ifMissing: Bool) throws -> Bool {
        try insert([run], ifMissing: ifMissing) == [run.id]
    }

    /// Inserts whole runs, `importBatch` to a transaction (one commit per run was most of importing thousands
    /// of run files; a process killed between batches keeps the batches before); returns the ids inserted.
    /// With `ifMissing`, a run whose id is already recorded is left alone; without, it is an error.
    @discardableResult
    public func insert(_ runs: [Run], ifMissing: Bool) throws -> [String] {
        for run in runs { try check(run) }
        var inserted: [String] = []
        for start in stride(from: 0, to: runs.count, by: Self.importBatch) {
            try transaction { db in
                for run in runs[start..<min(start + Self.importBatch, runs.count)] {
                    if try Self.exists(run.id, db) {
                        guard ifMissing else {
                            throw LedgerError(
                                file: self.path, problem: "run '\(run.id)' is already recorded",
                                remedy: "give each run a new id")
                        }
                        continue
                    }
                    try Self.insertRow(run, db)
                    inserted.append(run.id)
                }
            }
        }
        return inserted
    }

    /// Runs written in one transaction by `insert(_:ifMissing:)`.
    static let importBatch = 200

    private func check(_ run: Run) throws {
        guard RunFile.isValidRunID(run.id) else {
            throw LedgerError(
                file: path, problem: "run id '\(run.id)' cannot name a run file",
                remedy: "use an id without slashes, control characters or a leading dot")
        }
        for observation in run.observations {
            guard observation.runID == run.id else {
                throw LedgerError(
                    file: path, problem: "observation \(observation.stage)/\(observation.tool)/\(observation.step) "
                        + "belongs to run '\(observation.runID)', not '\(run.id)'",
                    remedy: "set each observation's runID to its run's id")
            }
            try check(observation)
        }
        for environment in run.environments { try check(environment, run: run.id) }
    }

    private static func insertRow(_ run: Run, _ db: Database) throws {
        let p = run.provenance
        try db.cachedStatement(
            sql: """
                INSERT INTO run (id, startedAt, endedAt, status, repetitions, cpuModel, cores, memoryBytes, os,
                    kernel, python, uv, gitCommit, bakeoffVersion, network, calibrationWorkload, calibrationRate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                run.id, run.startedAt, run.endedAt, run.status.rawValue, run.repetitions, p.cpuModel, p.cores,
                p.memoryBytes, p.os, p.kernel, p.python, p.uv, p.gitCommit, p.bakeoffVersion, p.network,
                p.calibration?.workload, p.calibration?.iterationsPerSecond,
            ])
        for environment in run.environments { try insert(environment, run: run.id, db) }
        for observation in run.observations { try insert(observation, db) }
        try writeParts(RunSummary(run).parts, run: run.id, db)  // the run is at hand: no need to read it back
    }

    // MARK: - Reading

    /// The run with its environments and observations in canonical order (`RunFile.canonical`), or nil.
    public func run(_ id: String) throws -> Run? {
        try database.read { db in try Self.fetchRuns(db, ids: [id], file: self.path).first }
    }

    /// Every run, sorted by start time then id.
    public func runs() throws -> [Run] {
        try database.read { db in try Self.fetchRuns(db, ids: nil, file: self.path) }
    }

    /// The recorded runs among `ids` (unknown ids are left out), read in batches.
    public func runs(ids: [String]) throws -> [Run] {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in try Self.fetchRuns(db, ids: ids, file: self.path) }
    }

    /// Every run summarized from the index (`run_part`), and in full the runs `reading` picks from that history,
    /// read at one moment: what `score` and `build` load.
    public func history(reading: (RunHistory) throws -> Set<String>) throws -> RunHistory {
        try database.read { db in
            let history = RunHistory(summaries: try Self.fetchSummaries(db, file: self.path))
            return history.holding(try Self.fetchRuns(db, ids: try reading(history).sorted(), file: self.path))
        }
    }

    /// The ids of every recorded run, sorted.
    public func runIDs() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT id FROM run ORDER BY id") }
    }

    /// How many observations the ledger holds for `run`.
    public func observationCount(run: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation WHERE runID = ?", arguments: [run]) ?? 0
        }
    }

    // MARK: - Run files

    /// Imports every `*.json` run file of `folder` whose run is missing from the ledger, in file-name order,
    /// one transaction per run; returns the imported ids. A missing folder imports nothing.
    ///
    /// Every candidate file is decoded before anything is imported, so a malformed file imports nothing and
    /// the error names it. A file named after a run the ledger already holds is skipped unread, unless
    /// `verifyKnown` (the `evidence import` command): then it is read and must match the ledger's run.
    public func importRunFiles(from folder: String, verifyKnown: Bool = false) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw LedgerError(file: folder, problem: "is not a folder", remedy: "pass the folder holding the run files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw LedgerError(
                file: folder, problem: "cannot list the folder: \(error.localizedDescription)",
                remedy: "check its permissions")
        }
        let known = Set(try runIDs())
        let paths = names.filter { verifyKnown || !known.contains(String($0.dropLast(5))) }
            .map { (folder as NSString).appendingPathComponent($0) }
        return try importRunFiles(paths)
    }

    /// Imports the given run files; returns the ids that were missing and are now imported.
    ///
    /// Every file is decoded and checked first, so any refusal leaves the ledger as it was: a malformed
    /// value, or a run id the ledger (or an earlier file) already holds with different content, which would
    /// otherwise be ignored without a word.
    public func importRunFiles(_ paths: [String]) throws -> [String] {
        // Decoding is most of an import (a fresh clone may hold thousands of run files): on every core. The
        // files are then judged in the given order, so the first problem reported is the first file's.
        let decoded = Parallel.map(paths.count) { i in Result { try RunFile.decode(try Self.read(paths[i]), file: paths[i]) } }
        let stored = try Dictionary(uniqueKeysWithValues: runs(ids: Set(decoded.compactMap { try? $0.get().id }).sorted()).map { ($0.id, $0) })
        var runs: [Run] = []
        var seen: [String: (run: Run, file: String)] = [:]
        for (path, result) in zip(paths, decoded) {
            let run = try result.get()
            let earlier = seen[run.id] ?? stored[run.id].map { ($0, self.path) }
            guard let earlier else {
                seen[run.id] = (run, path)
                runs.append(run)
                continue
            }
            if let difference = try RunFile.difference(earlier.run, run) {
                throw LedgerError(
                    file: path,
                    problem: "run \(Echo.value(run.id)) is already in \(earlier.file) with different content (\(difference))",
                    remedy: "a run file is never edited: restore it from git (`git checkout -- \(path)`), or give a new run its own id")
            }
        }
        return try insert(runs, ifMissing: true)
    }

    /// Writes `<folder>/<run-id>.json` whole (`AtomicFile`: flushed to disk, renamed into place) and returns its path.
    public func exportRunFile(_ id: String, to folder: String) throws -> String {
        guard let run = try run(id) else {
            throw LedgerError(
                file: path, problem: "no run '\(id)' in the ledger",
                remedy: "see 'bakeoff evidence list' for the recorded run ids")
        }
        guard RunFile.isValidRunID(id) else {
            throw LedgerError(
                file: path, problem: "run id '\(id)' cannot name a file", remedy: "this run cannot be exported")
        }
        let data = try RunFile.encode(run)
        let target = (folder as NSString).appendingPathComponent(RunFile.fileName(for: id))
        do {
            try AtomicFile.write(data, to: target)
        } catch {
            throw LedgerError(
                file: target, problem: "cannot write: \(error.reason)",
                remedy: "check that \(folder) is writable and the disk is not full")
        }
        return target
    }

    // MARK: - Schema

    /// Named migrations, applied in order, never edited once committed: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, environments, observations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id TEXT NOT NULL PRIMARY KEY,
                        startedAt TEXT NOT NULL,
                        endedAt TEXT,
                        status TEXT NOT NULL,
                        repetitions INTEGER NOT NULL,
                        cpuModel TEXT NOT NULL,
                        cores INTEGER NOT NULL,
                        memoryBytes INTEGER NOT NULL,
                        os TEXT NOT NULL,
                        kernel TEXT NOT NULL,
                        python TEXT NOT NULL,
                        uv TEXT NOT NULL,
                        gitCommit TEXT NOT NULL,
                        bakeoffVersion TEXT NOT NULL,
                        network TEXT NOT NULL
                    );
                    CREATE TABLE environment (
                        runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        stage TEXT NOT NULL,
                        tool TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        lockHash TEXT NOT NULL,
                        toolVersion TEXT NOT NULL,
                        installSeconds REAL,
                        sizeBytes INTEGER NOT NULL,
                        distributions INTEGER NOT NULL,
                        packages TEXT NOT NULL, -- JSON array of name==version
                        PRIMARY KEY (runID, stage, tool)
                    );
                    CREATE TABLE observation (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, -- insertion order: the order of steps
                        runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        stage TEXT NOT NULL,
                        tool TEXT NOT NULL,
                        step TEXT NOT NULL,
                        repetition INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        startedAt TEXT NOT NULL,
                        wallSeconds REAL,
                        cpuSeconds REAL,
                        peakMemoryBytes INTEGER,
                        exitCode INTEGER,
                        reason TEXT,
                        stderrTail TEXT NOT NULL,
                        metrics TEXT NOT NULL -- JSON object of name: number
                    );
                    """)
        }
        // Reading one run's observations in step order without scanning every run.
        migrator.registerMigration("v2: index observations by run") { db in
            try db.execute(sql: "CREATE INDEX observation_by_run ON observation(runID, seq)")
        }
        // The process recording each run (pid, its start time in clock ticks, the boot id), in a table of its
        // own so run files and the run table keep their shape.
        migrator.registerMigration("v3: the process recording a run") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run_owner (
                        runID TEXT NOT NULL PRIMARY KEY REFERENCES run(id) ON DELETE CASCADE,
                        pid INTEGER NOT NULL,
                        startTicks INTEGER NOT NULL,
                        boot TEXT NOT NULL
                    )
                    """)
        }
        // The machine's speed on a fixed workload (Provenance.calibration); NULL for runs recorded before it.
        migrator.registerMigration("v4: run calibration") { db in
            try db.execute(sql: "ALTER TABLE run ADD COLUMN calibrationWorkload TEXT")
            try db.execute(sql: "ALTER TABLE run ADD COLUMN calibrationRate REAL")
        }
        // What each run observed per stage and tool (`RunSummary.Part`), kept with every write of an observation:
        // the index `score` and `build` read instead of every observation of every run.
        migrator.registerMigration("v5: run parts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run_part (
                        runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        stage TEXT NOT NULL,
                        tool TEXT NOT NULL,
                        observations INTEGER NOT NULL,
                        repetitions INTEGER NOT NULL,
                        okRepetitions INTEGER NOT NULL,
                        fullSteps TEXT NOT NULL, -- step ids, each ended by a newline (Ledger.stepList)
                        PRIMARY KEY (runID, stage, tool)
                    )
                    """)
            for run in try String.fetchAll(db, sql: "SELECT id FROM run") { try summarize(run: run, db) }
        }
        return migrator
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "bakeoff-ledger"
        config.prepareDatabase { db in
            // FULL syncs the log at every commit: "recorded" means on disk, even across a power cut.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        return config
    }

    private static func migrate(_ database: any DatabaseWriter, path: String, upTo target: String? = nil) throws {
        if try database.read({ try migrator.hasBeenSuperseded($0) }) {
            throw LedgerError(
                file: path, problem: "was written by a newer bakeoff (it has migrations this one does not know)",
                remedy: "upgrade bakeoff, or move the ledger aside and rebuild it with 'bakeoff evidence import'")
        }
        if let target { try migrator.migrate(database, upTo: target) } else { try migrator.migrate(database) }
    }

    /// The identifiers of the applied migrations, in order.
    func appliedMigrations() throws -> [String] {
        try database.read { try Self.migrator.appliedMigrations($0) }
    }

    /// Runs raw SQL in one transaction, for tests that damage or age a ledger on purpose.
    func execute(_ sql: String) throws {
        try transaction { try $0.execute(sql: sql) }
    }

    /// `PRAGMA journal_mode` and `PRAGMA integrity_check`, for tests.
    func pragma(_ name: String) throws -> String {
        try database.read { try String.fetchOne($0, sql: "PRAGMA \(name)") ?? "" }
    }

    // MARK: - Internals

    private func transaction(_ body: (Database) throws -> Void) throws {
        do {
            // IMMEDIATE takes the write lock first, so the busy timeout applies; a deferred transaction that
            // read first could fail outright when another process committed in between.
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(
                file: path, problem: "cannot write: \(error)",
                remedy: "check free disk space and that no other program holds the ledger locked")
        }
    }

    private static func exists(_ run: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM run WHERE id = ?)"), arguments: [run]) ?? false
    }

    private func requireRun(_ run: String, _ db: Database, doing what: String) throws {
        guard try Self.exists(run, db) else {
            throw LedgerError(
                file: path, problem: "no run '\(run)' to \(what)", remedy: "call begin(run) first (a bug in the caller)")
        }
    }

    private func check(_ observation: Observation) throws {
        let values = [("wallSeconds", observation.wallSeconds), ("cpuSeconds", observation.cpuSeconds)]
            + observation.metrics.sorted { $0.key < $1.key }.map { ("metrics.\($0.key)", Optional($0.value)) }
        for (name, value) in values {
            if let value, !value.isFinite {
                throw LedgerError(
                    file: path,
                    problem: "observation \(observation.stage)/\(observation.tool)/\(observation.step) "
                        + "repetition \(observation.repetition): \(name) is \(value)",
                    remedy: "record only finite numbers (leave a measurement nil when it is unknown)")
            }
        }
        guard observation.repetition >= 1 else {
            throw LedgerError(
                file: path, problem: "observation \(observation.stage)/\(observation.tool)/\(observation.step) "
                    + "has repetition \(observation.repetition)",
                remedy: "count repetitions from 1")
        }
    }

    private func check(_ environment: EnvironmentRecord, run: String) throws {
        if let seconds = environment.installSeconds, !seconds.isFinite {
            throw LedgerError(
                file: path, problem: "environment \(environment.stage)/\(environment.tool) of run '\(run)': "
                    + "installSeconds is \(seconds)",
                remedy: "record only finite numbers (nil when the environment was reused)")
        }
    }

    private static func insert(_ o: Observation, _ db: Database) throws {
        let metrics = try JSONText.object(o.metrics.mapValues { .number($0) }).compact()
        try db.cachedStatement(
            sql: """
                INSERT INTO observation (runID, stage, tool, step, repetition, status, startedAt, wallSeconds,
                    cpuSeconds, peakMemoryBytes, exitCode, reason, stderrTail, metrics)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                o.runID, o.stage, o.tool, o.step, o.repetition, o.status.rawValue, o.startedAt, o.wallSeconds,
                o.cpuSeconds, o.peakMemoryBytes, o.exitCode, o.reason, o.stderrTail, metrics,
            ])
    }

    private static func insert(_ e: EnvironmentRecord, run: String, _ db: Database) throws {
        let packages = try JSONText.array(e.packages.map { .string($0) }).compact()
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO environment (runID, stage, tool, kind, lockHash, toolVersion, installSeconds,
                    sizeBytes, distributions, packages)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                run, e.stage, e.tool, e.kind, e.lockHash, e.toolVersion, e.installSeconds, e.sizeBytes,
                e.distributions, packages,
            ])
    }

    /// Rewrites the index rows of one run (`run_part`) from its observations, by the one rule of `RunSummary.parts`.
    private static func summarize(run: String, _ db: Database) throws {
        let repetitions = try Int.fetchOne(db.cachedStatement(sql: "SELECT repetitions FROM run WHERE id = ?"), arguments: [run]) ?? 1
        var steps: [RunSummary.Step] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT stage, tool, step, repetition, status FROM observation WHERE runID = ?"), arguments: [run])
        while let row = try rows.next() {
            steps.append(.init(stage: row[0], tool: row[1], step: row[2], repetition: row[3], ok: (row[4] as String) == ObservationStatus.ok.rawValue))
        }
        try writeParts(RunSummary.parts(steps, repetitions: repetitions), run: run, db)
    }

    /// Replaces the index rows of one run with `parts`.
    private static func writeParts(_ parts: [RunSummary.Part], run: String, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM run_part WHERE runID = ?").execute(arguments: [run])
        for part in parts {
            try db.cachedStatement(
                sql: """
                    INSERT INTO run_part (runID, stage, tool, observations, repetitions, okRepetitions, fullSteps)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    run, part.stage, part.tool, part.observations, part.repetitions, part.okRepetitions,
                    stepList(part.fullSteps),
                ])
        }
    }

    /// `run_part.fullSteps`: each id ended by a newline, a backslash and a newline inside an id escaped. Read back
    /// without a JSON parser: the index is read for every run at every `score` and `build`.
    static func stepList(_ steps: [String]) -> String {
        var out = String.UnicodeScalarView()
        for step in steps {
            for scalar in step.unicodeScalars {
                switch scalar {
                case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
                case "\n": out.append(contentsOf: "\\n".unicodeScalars)
                default: out.append(scalar)
                }
            }
            out.append("\n")
        }
        return String(out)
    }

    /// The ids of a `stepList`.
    static func steps(fromList text: String) -> [String] {
        var steps: [String] = []
        var current = String.UnicodeScalarView()
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                current.append(scalar == "n" ? "\n" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "\n" {
                steps.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        return steps
    }

    /// Every run's summary from the run table and the index, sorted by start time then id.
    private static func fetchSummaries(_ db: Database, file: String) throws -> [RunSummary] {
        var parts: [String: [RunSummary.Part]] = [:]
        // Runs of one scenario list the same steps: each list is read once (a long history repeats a few lists).
        var lists: [String: [String]] = [:]
        let partRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT runID, stage, tool, observations, repetitions, okRepetitions, fullSteps
                FROM run_part ORDER BY runID, stage, tool
                """)
        while let row = try partRows.next() {
            let list: String = row[6]
            let steps = lists[list] ?? steps(fromList: list)
            lists[list] = steps
            parts[row[0], default: []].append(
                RunSummary.Part(
                    stage: row[1], tool: row[2], observations: row[3], repetitions: row[4], okRepetitions: row[5],
                    fullSteps: steps))
        }
        return try fetchRunRows(db, ids: nil, file: file).map { header in
            RunSummary(
                id: header.id, startedAt: header.startedAt, endedAt: header.endedAt, status: header.status,
                repetitions: header.repetitions, provenance: header.provenance, parts: parts[header.id] ?? [])
        }
    }

    /// The run table's rows (every run, or the one `id`), sorted by start time then id.
    private static func fetchRunRows(_ db: Database, ids: [String]?, file: String) throws
        -> [(id: String, startedAt: String, endedAt: String?, status: RunStatus, repetitions: Int, provenance: Provenance)]
    {
        let runFilter = ids.map { " WHERE id IN (\(placeholders($0.count)))" } ?? ""
        let runRows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, startedAt, endedAt, status, repetitions, cpuModel, cores, memoryBytes, os, kernel, python, uv,
                    gitCommit, bakeoffVersion, network, calibrationWorkload, calibrationRate
                FROM run\(runFilter) ORDER BY startedAt, id
                """,
            arguments: StatementArguments(ids ?? []))
        return try runRows.map { row in
            let runID: String = row[0]
            let statusText: String = row[3]
            guard let status = RunStatus(rawValue: statusText) else {
                throw LedgerError(file: file, problem: "run '\(runID)' has unknown status '\(statusText)'", remedy: rebuildRemedy)
            }
            let provenance = Provenance(
                cpuModel: row[5], cores: row[6], memoryBytes: row[7], os: row[8], kernel: row[9], python: row[10],
                uv: row[11], gitCommit: row[12], bakeoffVersion: row[13], network: row[14],
                calibration: (row[15] as String?).flatMap { workload in
                    (row[16] as Double?).map { Calibration(workload: workload, iterationsPerSecond: $0) }
                })
            return (runID, row[1], row[2], status, row[4], provenance)
        }
    }

    private static let rebuildRemedy = "move the ledger aside and rebuild it from evidence/runs with 'bakeoff evidence import'"

    /// A JSON column's value in the shape `shape` reads, or an error naming the cell.
    private static func cell<T>(_ text: String, _ shape: KeyPath<JSONText, T?>, _ what: String, file: String) throws -> T {
        let value: T?
        do {
            value = try JSONText.parse(text)[keyPath: shape]
        } catch {
            throw LedgerError(file: file, problem: "the \(what) \(error)", remedy: rebuildRemedy)
        }
        guard let value else { throw LedgerError(file: file, problem: "the \(what) have the wrong shape", remedy: rebuildRemedy) }
        return value
    }

    /// Reads runs (`ids`, or every run when nil) with their environments and observations: one query per table
    /// for a batch of runs (a query per run was most of the time, with tens of runs in an evidence set).
    /// Columns are read by position: looking each up by name was most of the time `score` and `build` spent here.
    private static func fetchRuns(_ db: Database, ids: [String]?, file: String) throws -> [Run] {
        guard let ids, ids.count > maxBatch else { return try fetchBatch(db, ids: ids, file: file) }
        return try stride(from: 0, to: ids.count, by: maxBatch).flatMap {
            try fetchBatch(db, ids: Array(ids[$0..<min($0 + maxBatch, ids.count)]), file: file)
        }
    }

    /// Runs a query may name at once: well under SQLite's limit on parameters.
    static let maxBatch = 500

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    private static func fetchBatch(_ db: Database, ids: [String]?, file: String) throws -> [Run] {
        let filter = ids.map { " WHERE runID IN (\(placeholders($0.count)))" } ?? ""
        let arguments = StatementArguments(ids ?? [])
        var environments: [String: [EnvironmentRecord]] = [:]
        let environmentRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT runID, stage, tool, kind, lockHash, toolVersion, installSeconds, sizeBytes, distributions, packages
                FROM environment\(filter) ORDER BY rowid
                """,
            arguments: arguments)
        while let row = try environmentRows.next() {
            let packagesText: String = row[9]
            environments[row[0], default: []].append(
                EnvironmentRecord(
                    stage: row[1], tool: row[2], kind: row[3], lockHash: row[4], toolVersion: row[5],
                    installSeconds: row[6], sizeBytes: row[7], distributions: row[8],
                    packages: try cell(packagesText, \.strings, "packages of environment \(row[1] as String)/\(row[2] as String)", file: file)))
        }
        var observations: [String: [Observation]] = [:]
        let observationRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT runID, stage, tool, step, repetition, status, startedAt, wallSeconds, cpuSeconds,
                    peakMemoryBytes, exitCode, reason, stderrTail, metrics, seq
                FROM observation\(filter) ORDER BY seq
                """,
            arguments: arguments)
        while let row = try observationRows.next() {
            let statusText: String = row[5]
            let metricsText: String = row[13]
            guard let status = ObservationStatus(rawValue: statusText) else {
                throw LedgerError(
                    file: file, problem: "observation \(row[14] as Int64) has unknown status '\(statusText)'",
                    remedy: rebuildRemedy)
            }
            let runID: String = row[0]
            observations[runID, default: []].append(
                Observation(
                    runID: runID, stage: row[1], tool: row[2], step: row[3], repetition: row[4], status: status,
                    startedAt: row[6], wallSeconds: row[7], cpuSeconds: row[8], peakMemoryBytes: row[9],
                    exitCode: row[10], reason: row[11], stderrTail: row[12],
                    metrics: metricsText == "{}"
                        ? [:] : try cell(metricsText, \.numbers, "metrics of observation \(row[14] as Int64)", file: file)))
        }
        return try fetchRunRows(db, ids: ids, file: file).map { header in
            RunFile.canonical(
                Run(
                    id: header.id, startedAt: header.startedAt, endedAt: header.endedAt, status: header.status,
                    repetitions: header.repetitions, provenance: header.provenance,
                    environments: environments[header.id] ?? [], observations: observations[header.id] ?? []))
        }
    }

    private static func lockFile(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LedgerError(
                file: path, problem: "cannot create the lock file: \(String(cString: strerror(errno)))",
                remedy: "check that its folder is writable")
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw LedgerError(file: path, problem: "cannot lock: \(reason)", remedy: "check the file system supports locks")
            }
        }
        return fd
    }

    static func read(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(file: path, problem: "no such file", remedy: "check the path")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LedgerError(
                file: path, problem: "cannot be read: \(error.localizedDescription)",
                remedy: "check that the file is readable")
        }
    }
}
