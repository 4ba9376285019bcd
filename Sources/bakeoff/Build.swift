import ArgumentParser
import BakeoffLedger
import BakeoffModel
import BakeoffReports
import BakeoffScoring
import Foundation

/// `bakeoff build`: everything under reports/, as a list of named steps.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the site, charts, diagrams, data exports, check-in posts and slides into reports/.",
        discussion: """
            Everything is rendered into a temporary folder next to the target, then moved into place. bakeoff writes \
            only into a folder it owns: a new or empty one, or one it wrote before (it holds .bakeoff-reports, the list \
            of the files it wrote); it replaces or removes only those files, and leaves anything else alone. The same \
            inputs give the same bytes.
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    @Option(help: "The reports folder to write: new, empty, or written by bakeoff before (default: reports/ in the project).")
    var out: String?

    @Option(help: "Monte Carlo weight samples per stage (0 turns it off); the stack's robustness uses at most 1,000.")
    var samples: Int = ScoringOptions().samples

    func validate() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be 0 or more, not \(samples)") }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--out is empty; give the folder to write the reports into, e.g. --out reports")
        }
    }

    func run() throws {
        let (loaded, evidence) = try options.loadWithEvidence()
        let project = loaded.project
        let reports = try out.map { try Self.checkedOut($0, projectRoot: project.root) }
            ?? (project.root as NSString).appendingPathComponent("reports")
        let overrides = try weights.overrides(project: project)
        do {
            // A wrong profile or criterion is a usage error (64), found before anything is rendered.
            _ = try Scorer.weights(project: project, options: ScoringOptions(profile: weights.profile, weightOverrides: overrides))
        } catch let error as ScoringError {
            throw ValidationError(error.description)
        }
        let steps: [BuildStep] = [
            BuildStep("load evidence") { [pins = weights.pins] context in
                (context.history, context.coInstallChecks) = try EvaluationLoader.loadEvidence(
                    project: context.project, pins: pins, evidence: evidence)
            },
            BuildStep("evaluate") { [profile = weights.profile, pins = weights.pins, samples] context in
                let scoring = ScoringOptions(profile: profile, weightOverrides: overrides, samples: samples, pins: pins)
                let evaluation = try Evaluation.make(
                    project: context.project, history: context.history, coInstallChecks: context.coInstallChecks, options: scoring,
                    withProfiles: true)
                context.scoreboard = evaluation.scoreboard
                context.stack = evaluation.stack
                context.profiles = evaluation.profiles
            },
        ] + ReportPipeline.siteSteps(projectRoot: project.root)
            + [ReportPipeline.dataStep] + ReportPipeline.deliverableSteps
            + [ReportPipeline.writeStep(reportsFolder: reports)]
        var context = BuildContext(
            project: project, history: .empty, scoreboard: nil, weightsOverridden: !overrides.isEmpty, version: BakeoffVersion.current)
        context.samples = samples
        do {
            try ReportPipeline(steps: steps).run(&context) { Terminal.error($0) }
        } catch let error as BuildError {
            Terminal.error("error: \(error.message)")  // the progress line above names the step
            throw ExitCode(1)
        }
        print("wrote \(context.files.count) files to \(reports)")
        Finish.success()
    }

    /// The absolute `--out` folder, or a usage error when it is the working directory, the project itself or a
    /// folder above it, or a file: the places a slip of the keyboard would fill with reports.
    static func checkedOut(_ out: String, projectRoot: String) throws -> String {
        let path = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: projectRoot).standardizedFileURL.resolvingSymlinksInPath().path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        let shown = Echo.value(out)
        if path == here {
            throw ValidationError("--out '\(shown)' is the working directory; give the reports a folder of their own, e.g. --out reports")
        }
        if path == root || root.hasPrefix(path == "/" ? "/" : path + "/") {
            throw ValidationError("--out '\(shown)' holds the project; give the reports a folder of their own, e.g. --out reports")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ValidationError("--out '\(shown)' is a file, not a folder; give a new or empty folder, e.g. --out reports")
        }
        return path
    }
}
