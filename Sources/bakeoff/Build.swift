import ArgumentParser
import BakeoffLedger
import BakeoffModel
import BakeoffReports
import BakeoffRunner
import BakeoffScoring
import Foundation

/// `bakeoff build`: everything under reports/, as a list of named steps.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the site, charts, diagrams, data exports, check-in posts and slides into reports/.",
        discussion: """
            Everything is rendered into a temporary folder next to the target, then reports/site, data, checkins and \
            slides are each replaced as a whole; other folders under reports/ are left alone. The same inputs give the same bytes.
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    @Option(help: "The reports folder to write (default: reports/ in the project).")
    var out: String?

    @Option(help: "Monte Carlo weight samples per stage (0 turns it off); the stack's robustness uses at most 1,000.")
    var samples: Int = ScoringOptions().samples

    func validate() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be 0 or more, not \(samples)") }
    }

    func run() throws {
        let project = try options.load().project
        let reports = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? (project.root as NSString).appendingPathComponent("reports")
        let overrides = try weights.overrides(project: project)
        do {
            // A wrong profile or criterion is a usage error (64), found before anything is rendered.
            _ = try Scorer.weights(project: project, options: ScoringOptions(profile: weights.profile, weightOverrides: overrides))
        } catch let error as ScoringError {
            throw ValidationError(error.description)
        }
        let steps: [BuildStep] = [
            BuildStep("load evidence") { context in
                context.runs = try EvidenceStore.loadRuns(projectRoot: context.project.root)
                context.stackChecks = try StackCheck.loadAll(projectRoot: context.project.root).map(\.coInstall)
            },
            BuildStep("evaluate") { [profile = weights.profile, pins = weights.pins, samples] context in
                let scoring = ScoringOptions(profile: profile, weightOverrides: overrides, samples: samples, pins: pins)
                let evaluation = try Evaluation.make(
                    project: context.project, runs: context.runs, stackChecks: context.stackChecks, options: scoring)
                context.scoreboard = evaluation.scoreboard
                context.stack = evaluation.stack
            },
        ] + ReportPipeline.siteSteps(projectRoot: project.root)
            + [ReportPipeline.dataStep] + ReportPipeline.deliverableSteps
            + [ReportPipeline.writeStep(reportsFolder: reports)]
        var context = BuildContext(
            project: project, runs: [], scoreboard: nil, weightsOverridden: !overrides.isEmpty, version: BakeoffVersion.current)
        context.samples = samples
        do {
            try ReportPipeline(steps: steps).run(&context) { Terminal.error($0) }
        } catch let error as BuildError {
            Terminal.error("error: \(error.message)")  // the progress line above names the step
            throw ExitCode(1)
        }
        print("wrote \(context.files.count) files to \(reports)")
    }
}
