import ArgumentParser
import BakeoffCatalog
import BakeoffModel
import Foundation

/// The `--project DIR` option every command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder (default: the nearest bakeoff.yaml upward from here).")
    var project: String?

    /// The project root, or a usage error naming what to do.
    func root() throws -> String {
        if let project {
            return URL(fileURLWithPath: project).standardizedFileURL.path
        }
        guard let found = ProjectLoader.locate(from: FileManager.default.currentDirectoryPath) else {
            throw ValidationError("no bakeoff.yaml here or in any parent folder; pass --project DIR or run 'bakeoff init DIR'")
        }
        return found
    }

    /// Loads the project, printing every problem and exiting 1 when it is invalid.
    func load() throws -> ProjectLoader.Result {
        do {
            let result = try ProjectLoader.load(root: try root())
            Terminal.printDiagnostics(result.warnings)
            return result
        } catch let error as CatalogError {
            Terminal.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}

/// Where messages go: stdout for results, stderr for diagnostics and progress.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { error(d.description) }
    }
}
