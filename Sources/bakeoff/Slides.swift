import ArgumentParser
import BakeoffModel
import BakeoffReports
import BakeoffRunner
import BakeoffScoring
import Foundation

/// `bakeoff slides [--check]`: the talk's timing plan, and with `--check` the deck lint.
struct Slides: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slides",
        abstract: "Print the talk's timing plan per slide and per speaker; --check also lints the deck and fails on a problem.",
        discussion: """
            --check fails (exit 1) when the talk is over its limit less its safety margin, when a member speaks less \
            than the minimum (plus a share of the margin), or when the deck lint finds a wrong article, an acronym in \
            lower case, a number without thousands separators, a raw id in prose, too many words on a slide, or a \
            slide that overflows 1280×720. The overflow is measured in headless Chromium when one is found \
            (BAKEOFF_CHROMIUM, or chromium / chromium-browser / google-chrome on PATH); without one it says it was skipped.
            """)

    @Flag(help: "Exit 1 when the talk breaks a timing rule or the deck lint finds a problem.")
    var check = false

    @OptionGroup var options: ProjectOptions
    @OptionGroup var weights: WeightOptions

    func run() throws {
        let e = try EvaluationLoader.load(options, weights: weights)
        let project = e.project
        let slides = SlideDeck.slides(project: project, scoreboard: e.scoreboard, history: e.history, stack: e.stack)
        let plan = TalkPlan.plan(slides: slides, team: project.team, teamSize: CourseRules.teamSize(for: project))
        print(plan.report(team: project.team, templates: try TemplateSet.load(projectRoot: project.root)), terminator: "")
        guard check else { return }
        var problems = DeckLint.lint(slides, rawIDs: SlideDeck.rawIDs(project: project))
        let deck: String?
        do {
            deck = try ReportPipeline.deckHTML(e, version: BakeoffVersion.current)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        if let deck {
            do {
                let dom = try Terminal.interruptible { interruption in
                    try HeadlessChromium.dumpDOM(
                        html: deck, fragment: "check", width: DeckPage.width, height: DeckPage.height,
                        interruption: interruption)
                }
                if let overflow = DeckLint.overflow(fromDOM: dom) {
                    problems += overflow
                    print("overflow: every slide measured at \(DeckPage.width)×\(DeckPage.height) in headless Chromium")
                } else {
                    print("overflow: not measured (the page did not report; is the browser too old?)")
                }
            } catch let failure as HeadlessChromium.Failure {
                print("overflow: not measured (\(failure))")
            }
        }
        for p in problems { print("problem: \(p)") }
        print("deck lint: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        if !plan.fits || !problems.isEmpty { throw ExitCode(1) }
    }
}
