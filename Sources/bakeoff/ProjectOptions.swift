import ArgumentParser
import BakeoffCatalog
import BakeoffLedger
import BakeoffModel
import Foundation

/// The `--project DIR` option every command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder (default: the nearest bakeoff.yaml upward from here).")
    var project: String?

    /// The project root, or a usage error naming what to do.
    func root() throws -> String {
        if let project {
            let path = URL(fileURLWithPath: project).standardizedFileURL.path
            Terminal.projectRoot = path
            return path
        }
        guard let found = ProjectLoader.locate(from: FileManager.default.currentDirectoryPath) else {
            throw ValidationError("no bakeoff.yaml here or in any parent folder; pass --project DIR or run 'bakeoff init DIR'")
        }
        Terminal.projectRoot = found
        return found
    }

    /// Loads the project, printing every problem and exiting 1 when it is invalid.
    func load() throws -> ProjectLoader.Result {
        try load(root: try root())
    }

    private func load(root: String) throws -> ProjectLoader.Result {
        do {
            let result = try ProjectLoader.load(root: root)
            Terminal.printDiagnostics(result.warnings)
            return result
        } catch {
            Terminal.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }

    /// Loads the project while its evidence is opened on another core (for the commands that score). The
    /// evidence is opened only where a bakeoff.yaml is, so a wrong --project creates nothing; when the project
    /// turns out invalid, the opening is waited for before the error leaves.
    func loadWithEvidence() throws -> (ProjectLoader.Result, EvidenceReader) {
        let root = try root()
        guard ProjectLoader.isProject(root) else {
            let result = try load(root: root)  // says there is no bakeoff.yaml
            return (result, EvidenceReader.start(projectRoot: root))
        }
        let evidence = EvidenceReader.start(projectRoot: root)
        do {
            return (try load(root: root), evidence)
        } catch {
            evidence.wait()
            throw error
        }
    }
}

/// Where messages go: stdout for results, stderr for diagnostics and progress.
enum Terminal {
    /// The project's root once a command has found it: messages name its files relative to it.
    nonisolated(unsafe) static var projectRoot: String?

    /// One diagnostic line on stderr, with the project's files named relative to its root. A write that
    /// fails (a closed terminal after SIGHUP) is dropped: the run must still be finished and its file written.
    static func error(_ text: String) {
        var line = text
        if let root = projectRoot, root != "/" { line = line.replacingOccurrences(of: root + "/", with: "") }
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { error(d.description) }
    }
}
