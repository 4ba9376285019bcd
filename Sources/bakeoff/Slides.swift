import ArgumentParser
import BakeoffReports

/// `bakeoff slides [--check]`: the talk's timing plan.
struct Slides: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the talk's timing plan per slide and per speaker; --check fails when it breaks a rule.")

    @Flag(help: "Exit 1 when the talk is over its limit or a member speaks less than the minimum.")
    var check = false

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    func run() throws {
        let e = try EvaluationLoader.load(options, weights: weights)
        let slides = SlideDeck.slides(project: e.project, scoreboard: e.scoreboard, runs: e.runs)
        let plan = TalkPlan.plan(slides: slides, team: e.project.team)
        print(plan.report(team: e.project.team), terminator: "")
        if check && !plan.fits { throw ExitCode(1) }
    }
}
