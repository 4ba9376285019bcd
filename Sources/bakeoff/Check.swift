import ArgumentParser
import BakeoffCatalog
import BakeoffLedger
import BakeoffModel
import BakeoffReports
import BakeoffScoring
import Foundation

/// `bakeoff check [--rubric]`: validate everything, and optionally the deliverables.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate bakeoff.yaml, criteria/ and stages/; report every problem with file and line.",
        discussion: "With --rubric, also check the deliverables in reports/ against the project's rubric: the rubric: block of bakeoff.yaml (a course's rules), else the generic proof-of-concept checklist.")

    @Flag(help: "Also check the deliverables against the rubric: candidates, required tools, measurements, tables, visuals, picks, check-ins, talk.")
    var rubric = false

    @Option(
        name: .customLong("calibration-tolerance"),
        help: ArgumentHelp(
            "Warn when runs compared within a stage come from machines whose calibration differs by more than this percentage.",
            valueName: "percent"))
    var calibrationTolerance: Double = Calibration.defaultTolerance * 100

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    func validate() throws {
        guard calibrationTolerance.isFinite, calibrationTolerance >= 0 else {
            throw ValidationError("--calibration-tolerance must be a percentage of 0 or more, e.g. 25")
        }
    }

    func run() throws {
        let result = try options.load()
        let project = result.project
        let tools = project.stages.reduce(0) { $0 + $1.candidates.count }
        let facts = project.stages.reduce(0) { sum, stage in
            sum + stage.candidates.reduce(0) { $0 + $1.facts.count }
                + stage.comparisons.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.facts.count } }
        }
        let adapters = project.stages.reduce(0) { $0 + $1.adapters.count }
        let warnings = result.warnings.count
        print(
            "ok: " + [
                Numbers.count(project.stages.count, "stage"), Numbers.count(tools, "candidate"), Numbers.count(facts, "fact"),
                Numbers.count(adapters, "adapter"), Numbers.count(project.criteria.count, "criterion", plural: "criteria"),
                Numbers.count(project.profiles.count, "profile"),
            ].joined(separator: ", ")
                + (project.integrations.isEmpty ? "" : ", " + Numbers.count(project.integrations.count, "integration"))
                + (warnings > 0 ? ", " + Numbers.count(warnings, "warning") : ""))
        // The evidence each stage would be scored on: mixed machines, mixed repetition counts, partial runs; and
        // (calibration) machines of different speed among the runs a stage or an integration compares.
        if let history = try? EvidenceStore.loadHistory(projectRoot: project.root, reading: { _ in [] }) {
            let runs = history.summaries
            let set = EvidenceSet.selection(project: project, history: history, pins: weights.pins)
            let tolerance = calibrationTolerance / 100
            for stage in project.assessedStages {
                for warning in set.warnings[stage.id] ?? [] { Terminal.error("warning: evidence of \(stage.id): \(warning)") }
                let selected = Set(stage.candidates.compactMap { set.selection(stage: stage.id, tool: $0.id)?.runID })
                let compared = runs.filter { selected.contains($0.id) }
                for warning in Calibration.compare(stage: stage.id, runs: compared, tolerance: tolerance) {
                    Terminal.error("warning: \(warning.message)")
                }
            }
            // An integration compares the newest run of each pair.
            let integrations = Set(project.integrations.map(\.id))
            for warning in Calibration.compare(runs: runs, tolerance: tolerance) where integrations.contains(warning.stage) {
                Terminal.error("warning: \(warning.message)")
            }
        }
        guard rubric else { return }

        let e = try EvaluationLoader.load(project: project, weights: weights)
        let reports = (project.root as NSString).appendingPathComponent("reports")
        let read: @Sendable (String) -> String? = { try? String(contentsOfFile: "\(reports)/\($0)", encoding: .utf8) }
        let outputs = Rubric.Outputs(
            stagePage: { read("site/" + SiteModel.stagePage($0)) },
            stageChart: { FileManager.default.fileExists(atPath: "\(reports)/site/" + SiteModel.chart($0, "scores")) },
            checkin: { FileManager.default.fileExists(atPath: "\(reports)/checkins/\($0)") })
        let slides = SlideDeck.slides(project: e.project, scoreboard: e.scoreboard, history: e.history)
        let items = Rubric.evaluate(
            project: e.project, history: e.history, scoreboard: e.scoreboard,
            plan: TalkPlan.plan(slides: slides, team: e.project.team),
            posts: CheckinPosts.posts(project: e.project, scoreboard: e.scoreboard, history: e.history), outputs: outputs)
        print("rubric: \(e.project.rubric.title)")
        print(Rubric.report(items), terminator: "")
        if items.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
