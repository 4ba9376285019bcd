import BakeoffModel
import Foundation
import GRDB

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

    /// Every run of the project, sorted by start time then id.
    ///
    /// Interim implementation: reads the committed run files directly. The ledger issue replaces it with
    /// "import missing run files into the ledger, then read the ledger".
    public static func loadRuns(projectRoot: String) throws -> [Run] {
        let folder = runsFolder(projectRoot: projectRoot)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        let decoder = JSONDecoder()
        let runs = try names.map { name in
            try decoder.decode(Run.self, from: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))
        }
        return runs.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }
}
