import BakeoffModel
import Foundation

/// Where a project's evidence lives, and how commands that only read it get every run.
public enum EvidenceStore {
    /// `evidence/runs` under the project root: one JSON file per run, committed.
    public static func runsFolder(projectRoot: String) -> String {
        (projectRoot as NSString).appendingPathComponent("evidence/runs")
    }

    /// `evidence/ledger.sqlite` under the project root: the git-ignored working store.
    public static func ledgerPath(projectRoot: String) -> String {
        (projectRoot as NSString).appendingPathComponent("evidence/ledger.sqlite")
    }

    /// The project's ledger with every run file of `evidence/runs` imported: what `score` and `build` read.
    ///
    /// On a fresh clone the ledger is created. When the project cannot be written (a read-only checkout),
    /// the runs are gathered in memory instead: those of an existing ledger (read from a copy) plus the
    /// run files.
    public static func openLedger(projectRoot: String) throws -> Ledger {
        let path = ledgerPath(projectRoot: projectRoot)
        let ledger: Ledger
        do {
            ledger = try Ledger(path: path)
        } catch {
            guard !isWritable(path) else { throw error }
            ledger = try Ledger.inMemory()
            for run in try Ledger.runs(copying: path) { try ledger.insert(run, ifMissing: true) }
        }
        _ = try ledger.importRunFiles(from: runsFolder(projectRoot: projectRoot))
        return ledger
    }

    /// Every recorded co-install check (`bakeoff stack check --record`, `evidence/stack/*.json`), sorted by file
    /// name: the other half of the evidence the evaluation reads. A file that cannot be read is an error naming it.
    public static func loadCoInstallChecks(projectRoot: String) throws -> [CoInstallCheck] {
        let folder = (projectRoot as NSString).appendingPathComponent("evidence/stack")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let path = "evidence/stack/\(name)"
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: (projectRoot as NSString).appendingPathComponent(path)))
                return try JSONDecoder().decode(CoInstallCheck.self, from: data)
            } catch {
                throw LedgerError(
                    file: path, problem: "cannot be read as a stack check (\(error))",
                    remedy: "run 'bakeoff stack check --record' again or remove the file")
            }
        }
    }

    /// Every run of the project, sorted by start time then id.
    public static func loadRuns(projectRoot: String) throws -> [Run] {
        try openLedger(projectRoot: projectRoot).runs()
    }

    /// Every run of the project summarized, and in full the ones `reading` picks from the summaries (for an
    /// evaluation: `Evaluation.runIDs`): what `score` and `build` read.
    public static func loadHistory(projectRoot: String, reading: (RunHistory) throws -> Set<String>) throws -> RunHistory {
        try openLedger(projectRoot: projectRoot).history(reading: reading)
    }

    /// Whether the ledger file (or, before it exists, the nearest existing folder above it) can be written.
    static func isWritable(_ path: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            return fm.isWritableFile(atPath: path)
                && fm.isWritableFile(atPath: (path as NSString).deletingLastPathComponent)
        }
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty && folder != "/" && !fm.fileExists(atPath: folder) {
            folder = (folder as NSString).deletingLastPathComponent
        }
        return fm.isWritableFile(atPath: folder.isEmpty ? "." : folder)
    }
}
