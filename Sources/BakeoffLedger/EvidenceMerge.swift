import BakeoffModel
import Foundation

/// Brings run files from many places (the shards of a CI matrix, a teammate's folder) into one ledger: files
/// and folders (walked to any depth), idempotent, and refusing a run whose id is already held with other content.
public enum EvidenceMerge {
    /// What an import did.
    public struct Outcome: Equatable, Sendable {
        /// Runs the ledger did not hold and now does, sorted.
        public var imported: [String]
        /// Runs the ledger already held with the same content, sorted.
        public var unchanged: [String]
        /// Every run file read, by run id (the first file naming it).
        public var files: [String: String]

        public init(imported: [String] = [], unchanged: [String] = [], files: [String: String] = [:]) {
            self.imported = imported
            self.unchanged = unchanged
            self.files = files
        }
    }

    /// The `*.json` files of `paths`: files as given, folders walked to any depth (hidden entries skipped),
    /// each folder's files sorted by name.
    public static func runFilePaths(_ paths: [String]) throws -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw LedgerError(file: path, problem: "no such file", remedy: "check the path")
            }
            guard isFolder.boolValue else {
                result.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else {
                throw LedgerError(file: path, problem: "cannot list the folder", remedy: "check its permissions")
            }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                if name.hasSuffix(".json") { found.append((path as NSString).appendingPathComponent(relative)) }
            }
            result += found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return result
    }

    /// Imports every run file under `paths` into `ledger`.
    ///
    /// The ledger's own import reads and checks every file first: a run whose id the ledger, or an earlier file,
    /// holds with other content is refused with the difference, and then nothing is imported. Importing the same
    /// files again imports nothing.
    public static func importRuns(_ paths: [String], into ledger: Ledger) throws -> Outcome {
        let files = try runFilePaths(paths)
        var outcome = Outcome()
        let held = Set(try ledger.runIDs())
        outcome.imported = try ledger.importRunFiles(files).sorted()
        // Every file was read and checked by the import; which runs they hold is read once more for the summary.
        for path in files {
            let run = try RunFile.decode(try Ledger.read(path), file: path)
            if outcome.files[run.id] == nil { outcome.files[run.id] = path }
        }
        outcome.unchanged = outcome.files.keys.filter(held.contains).sorted()
        return outcome
    }

    /// Runs of the run files in `evidence/runs` alone, never the ledger's: what every machine of a sharded run
    /// sees alike once it has checked out the same commit.
    public static func committedRuns(projectRoot: String) throws -> [Run] {
        let folder = EvidenceStore.runsFolder(projectRoot: projectRoot)
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return try names.map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            return try RunFile.decode(try Ledger.read(path), file: path)
        }
    }
}
