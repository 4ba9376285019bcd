import ArgumentParser
import BakeoffLedger
import BakeoffModel
import Foundation

/// `bakeoff evidence list|export|import`: the runs in the ledger and the run files in evidence/runs.
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "List, export, import and merge recorded runs (the ledger and evidence/runs/*.json).",
        subcommands: [List.self, Export.self, Import.self, Merge.self],
        defaultSubcommand: List.self)

    /// Runs `body`, printing a ledger or run-file problem as `error: FILE: what; what to do` and exiting 1.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as LedgerError {
            error.file = displayPath(error.file)
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// `path` relative to the working directory when it lies under it.
    static func displayPath(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        let prefix = here.hasSuffix("/") ? here : here + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

extension Evidence {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "One line per run: id, status, start, observations, stages and tools.")

        @OptionGroup var options: ProjectOptions

        func run() throws {
            let root = try options.root()
            let runs = try Evidence.reporting { try EvidenceStore.loadRuns(projectRoot: root) }
            guard !runs.isEmpty else {
                Terminal.error("no runs recorded yet in \(Evidence.displayPath(root)); measure some with 'bakeoff run'")
                return
            }
            for line in Self.lines(runs) { print(line) }
        }

        /// Columns aligned: id, status, start, observation count, then `stage: tool, tool; stage: tool`.
        static func lines(_ runs: [BakeoffModel.Run]) -> [String] {
            let idWidth = runs.map(\.id.count).max() ?? 0
            let statusWidth = runs.map(\.status.rawValue.count).max() ?? 0
            let countWidth = runs.map { String($0.observations.count).count }.max() ?? 0
            return runs.map { run in
                let measured = BakeoffModel.RunSummary.measured(run.observations.map { ($0.stage, $0.tool) } + run.environments.map { ($0.stage, $0.tool) })
                let count = String(run.observations.count)
                return [
                    run.id.padding(toLength: idWidth, withPad: " ", startingAt: 0),
                    run.status.rawValue.padding(toLength: statusWidth, withPad: " ", startingAt: 0),
                    run.startedAt,
                    String(repeating: " ", count: countWidth - count.count) + count
                        + (run.observations.count == 1 ? " observation " : " observations"),
                    measured.isEmpty ? "(nothing measured)" : measured,
                ].joined(separator: "  ")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write runs of the ledger as run files (evidence/runs/<run-id>.json).")

        @OptionGroup var options: ProjectOptions

        @Argument(help: ArgumentHelp("The runs to export (default: every run).", valueName: "run-id"))
        var runIDs: [String] = []

        @Option(help: ArgumentHelp("The folder to write to (default: evidence/runs of the project).", valueName: "dir"))
        var out: String?

        func validate() throws {
            if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--out is empty; give the folder to write the run files into, e.g. --out shared-runs")
            }
            var isFolder: ObjCBool = false
            if let out, FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError("--out '\(Echo.value(out))' is a file, not a folder; give a folder for the run files")
            }
        }

        func run() throws {
            let root = try options.root()
            let folder = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                ?? EvidenceStore.runsFolder(projectRoot: root)
            try Evidence.reporting {
                let ledger = try EvidenceStore.openLedger(projectRoot: root)
                let known = try ledger.runIDs()
                // Check every id before writing anything.
                for id in runIDs where !known.contains(id) {
                    throw LedgerError(
                        file: EvidenceStore.ledgerPath(projectRoot: root), problem: "no run '\(id)' in the ledger",
                        remedy: "see 'bakeoff evidence list' for the recorded run ids")
                }
                let ids = runIDs.isEmpty ? known : runIDs
                if ids.isEmpty {
                    Terminal.error("nothing to export: no runs recorded yet; measure some with 'bakeoff run'")
                }
                for id in ids {
                    let path = try ledger.exportRunFile(id, to: folder)
                    let count = try ledger.observationCount(run: id)
                    print("wrote \(Evidence.displayPath(path)) (\(count) observation\(count == 1 ? "" : "s"))")
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import run files whose run the ledger does not hold (default: all of evidence/runs).",
            discussion: """
                Files and folders (walked to any depth for *.json). Importing the same files again changes \
                nothing; a run whose id is already held with other content is refused with the first difference, \
                and then nothing is imported.
                """)

        @OptionGroup var options: ProjectOptions

        @Argument(help: ArgumentHelp("Run files or folders to import (default: evidence/runs).", valueName: "path"))
        var paths: [String] = []

        func run() throws {
            let root = try options.root()
            let outcome = try Evidence.importing(paths, root: root)
            for id in outcome.imported { print("imported \(id)") }
            if outcome.imported.isEmpty { print("nothing to import: the ledger already holds every run") }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Bring run files from other machines (e.g. a CI matrix's shards) into this project.",
            discussion: """
                Imports like 'evidence import', then writes each run into evidence/runs/<run-id>.json when that \
                file is missing, so the merged evidence is committed and the reports link to it.
                """)

        @OptionGroup var options: ProjectOptions

        @Argument(help: ArgumentHelp("Run files or folders (e.g. the downloaded artifacts).", valueName: "path"))
        var paths: [String]

        func run() throws {
            let root = try options.root()
            let outcome = try Evidence.importing(paths, root: root)
            let folder = EvidenceStore.runsFolder(projectRoot: root)
            var written = 0
            try Evidence.reporting {
                let ledger = try Ledger(path: EvidenceStore.ledgerPath(projectRoot: root))
                for id in (outcome.imported + outcome.unchanged).sorted()
                where !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(RunFile.fileName(for: id))) {
                    print("wrote \(Evidence.displayPath(try ledger.exportRunFile(id, to: folder)))")
                    written += 1
                }
            }
            print(
                "merged \(outcome.files.count) run\(outcome.files.count == 1 ? "" : "s"): \(outcome.imported.count) imported, "
                    + "\(outcome.unchanged.count) already held, \(written) run file\(written == 1 ? "" : "s") written")
        }
    }

    /// Imports the run files under `paths` (default: evidence/runs) into the project's ledger, or prints why not.
    static func importing(_ paths: [String], root: String) throws -> EvidenceMerge.Outcome {
        try reporting {
            let ledger = try Ledger(path: EvidenceStore.ledgerPath(projectRoot: root))
            // As given, so every path in a message reads as the user typed it.
            let given = paths
            let folder = EvidenceStore.runsFolder(projectRoot: root)
            if given.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                return EvidenceMerge.Outcome()
            }
            return try EvidenceMerge.importRuns(given.isEmpty ? [folder] : given, into: ledger)
        }
    }
}
