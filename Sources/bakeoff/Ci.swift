import ArgumentParser
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
            if let bakeoffSource, Ci.source(bakeoffSource) == nil {
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
                source = Ci.source(bakeoffSource)!
            } else if Ci.isBakeoffRepository(root) {
                source = .inPlace
            } else {
                throw ValidationError(
                    "\(Evidence.displayPath(root)) is not the bakeoff repository, so CI must fetch bakeoff: pass --bakeoff-source OWNER/NAME@REF")
            }
            var packages: Set<String> = []
            for stage in project.stages {
                for adapter in stage.adapters {
                    guard case .debian(let names, _) = adapter.install else { continue }
                    for name in names {
                        // A name reaches a shell line of the workflow: only Debian's own package-name alphabet.
                        guard Ci.isDebianPackageName(name) else {
                            Terminal.error(
                                "error: \(adapter.directory)/adapter.yaml: install.debian: '\(name)' is not a Debian package name; "
                                    + "use lower-case letters, digits, '+', '-' and '.'")
                            throw ExitCode(1)
                        }
                        packages.insert(name)
                    }
                }
            }
            let shares = try Ci.shares(project: project, count: shards, repetitions: repetitions)
            let file = WorkflowFile(
                shards: shares, repetitions: repetitions, swiftVersion: swiftVersion, source: source,
                debianPackages: packages.sorted(), dueDates: project.team.schedule.map(\.due))
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

    /// Each shard's units (`stage ID`, `pair INTEGRATION PAIR`) and expected minutes, as `run --shard` deals them.
    static func shares(project: Project, count: Int, repetitions: Int) throws -> [(units: [String], minutes: Double?)] {
        let all = try? RunPlan.make(project: project, stages: [], tools: [])
        let pairs = project.integrations.isEmpty
            ? [] : ((try? IntegrationPlan.pairs(project: project, integrations: ["all"], tools: [])) ?? [])
        let estimate = WorkEstimate(runs: try Evidence.reporting { try EvidenceMerge.committedRuns(projectRoot: project.root) })
        return (1...count).map { k in
            var plan = all ?? RunPlan(projectRoot: project.root, entries: [])
            var mine = pairs
            let kept = plan.keep(shard: Shard(index: k, count: count), pairs: &mine, estimate: estimate, repetitions: repetitions)
            let known = kept.compactMap(\.seconds)
            return (kept.map(\.unit.key), known.isEmpty ? nil : known.reduce(0, +) / 60)
        }
    }

    /// `owner/name@ref`, or nil.
    static func source(_ text: String) -> WorkflowFile.Source? {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        let safe: (String) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } }
        guard parts.count == 2, parts[0].split(separator: "/").count == 2, safe(parts[0]), safe(parts[1]) else { return nil }
        return .repository(parts[0], ref: parts[1])
    }

    /// Whether `root` holds bakeoff's own Package.swift (the bundled project), so CI can build it in place.
    static func isBakeoffRepository(_ root: String) -> Bool {
        let text = (try? String(contentsOfFile: (root as NSString).appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
        return text.contains("name: \"bakeoff\"") && text.contains(".executable(name: \"bakeoff\"")
    }

    static func isDebianPackageName(_ name: String) -> Bool {
        name.count >= 2 && name.first.map { $0.isLowercase || $0.isNumber } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "+-.".contains($0) }
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
