import ArgumentParser
import BakeoffCatalog
import BakeoffFiles
import BakeoffLedger
import BakeoffModel
import BakeoffReports
import BakeoffRunner
import Foundation

/// `bakeoff ci init`: the project's GitHub Actions workflow (shards, merge, Pages).
struct Ci: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Run the bakeoff on a CI service's job matrix (see docs/ci.md).",
        subcommands: [Init.self])
}

extension Ci {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write .github/workflows/bakeoff.yml: shards on a matrix, merged evidence, the site on GitHub Pages.",
            discussion: """
                The shards deal out whole stages and single integration pairs by the expected minutes of the \
                committed runs. The weekly schedule follows the check-in dates of bakeoff.yaml. A file this \
                command did not write is never overwritten.
                """)

        @OptionGroup var options: ProjectOptions

        @Option(help: "How many machines share the work.")
        var shards = 4

        @Option(name: .customLong("repeat"), help: "Repetitions per tool in CI.")
        var repetitions = 3

        @Option(name: .customLong("swift-version"), help: "The Swift toolchain CI builds bakeoff with (default: the one that built this bakeoff).")
        var swiftVersion = Ci.compilerVersion

        @Option(
            name: .customLong("bakeoff-source"),
            help: ArgumentHelp(
                "Where CI gets bakeoff when the project is not the bakeoff repository itself, e.g. our-org/bakeoff@v0.1.0.",
                valueName: "owner/name@ref"))
        var bakeoffSource: String?

        @Option(help: ArgumentHelp("Write here instead of .github/workflows/bakeoff.yml.", valueName: "file"))
        var out: String?

        func validate() throws {
            guard (1...50).contains(shards) else { throw ValidationError("--shards must be between 1 and 50") }
            guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
            guard swiftVersion.allSatisfy({ $0.isNumber || $0 == "." }), !swiftVersion.isEmpty else {
                throw ValidationError("--swift-version '\(swiftVersion)': expected a version such as 6.3")
            }
            if let bakeoffSource, WorkflowFile.Source(parsing: bakeoffSource) == nil {
                throw ValidationError("--bakeoff-source '\(bakeoffSource)': expected OWNER/NAME@REF, e.g. our-org/bakeoff@v0.1.0")
            }
        }

        func run() throws {
            let project = try options.load().project
            let root = project.root
            let target = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                ?? (root as NSString).appendingPathComponent(".github/workflows/bakeoff.yml")
            let shown = Evidence.displayPath(target)
            if let existing = try? String(contentsOfFile: target, encoding: .utf8),
                !existing.hasPrefix(WorkflowFile.marker)
            {
                Terminal.error(
                    "error: \(shown):1:1: this file was not written by 'bakeoff ci init' and is left alone; "
                        + "move it aside (or pass --out FILE) and run 'bakeoff ci init' again")
                throw ExitCode(1)
            }
            let source: WorkflowFile.Source
            if let bakeoffSource {
                source = WorkflowFile.Source(parsing: bakeoffSource)!
            } else if ProjectScaffold.isBakeoffRepository(root) {
                source = .inPlace
            } else {
                throw ValidationError(
                    "\(Evidence.displayPath(root)) is not the bakeoff repository, so CI must fetch bakeoff: pass --bakeoff-source OWNER/NAME@REF")
            }
            let packages: [String]
            do {
                packages = try WorkflowFile.debianPackages(of: project)
            } catch {
                Terminal.error("error: \(error)")
                throw ExitCode(1)
            }
            // Every shard must deal the same way: only the committed run files count, never a local ledger.
            let runs = try Evidence.reporting { try EvidenceMerge.committedRuns(projectRoot: project.root) }
            let shares = Shard.shares(project: project, count: shards, repetitions: repetitions, runs: runs)
            let file = WorkflowFile(
                shards: shares, repetitions: repetitions, swiftVersion: swiftVersion, source: source,
                debianPackages: packages, dueDates: project.team.schedule.map(\.due))
            do {
                try AtomicFile.write(file.render(), to: target)
            } catch {
                Terminal.error("error: \(shown): cannot be written: \(error.reason); check the folder's permissions")
                throw ExitCode(1)
            }
            print("wrote \(shown): \(shards) shard\(shards == 1 ? "" : "s"), weekly on \(file.cron.why)")
            for (i, share) in shares.enumerated() {
                let minutes = share.minutes.map { "expected \(Numbers.fixed($0, decimals: 1)) min" } ?? "expected time unknown"
                print("  shard \(i + 1)/\(shards): \(share.units.count) unit\(share.units.count == 1 ? "" : "s"), \(minutes)")
            }
            print("next: commit it, then turn on Pages with 'GitHub Actions' as the source (docs/ci.md)")
        }
    }

    /// The major.minor of the compiler that built this bakeoff: CI builds with the same.
    static var compilerVersion: String {
        #if compiler(>=6.5)
        "6.5"
        #elseif compiler(>=6.4)
        "6.4"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }
}
