import BakeoffModel
@testable import BakeoffReports
import BakeoffScoring
import XCTest

final class DeckLintTests: XCTestCase {
    private func slide(_ id: String, body: String = "", notes: String = "", title: String = "Title") -> Slide {
        Slide(id: id, title: title, body: body, notes: notes)
    }

    func testEachKindOfErrorIsCaught() {
        let deck = [
            slide("article", notes: "We support a experimentation data-science team and an startup."),
            slide("acronym", body: "- for ml pipeline orchestration and ci/cd with a dag"),
            slide("number", notes: "It costs $12960 a year, or 77760 dollars over three years, per 1 000 lines."),
            slide("raw-id", body: "- wandb wins the log_runs step"),
            slide("words", body: Array(repeating: "word", count: 95).joined(separator: " ")),
            slide("clean", body: "- An ML team at a startup; CI/CD and DAG; $12,960 for 1,000 lines in 2026-09-14; `bakeoff run`",
                notes: "Weights & Biases is an hour ahead; a unit test; an R&D team; release 1.12.0."),
        ]
        let problems = DeckLint.lint(deck, rawIDs: ["wandb"])
        func kinds(_ id: String) -> [String] { problems.filter { $0.slide == id }.map(\.kind) }
        XCTAssertEqual(kinds("article"), ["article", "article"], problems.description)
        XCTAssertEqual(
            problems.filter { $0.slide == "article" }.map(\.message),
            ["\"a experimentation\": write \"an experimentation\"", "\"an startup\": write \"a startup\""])
        XCTAssertEqual(kinds("acronym"), ["acronym", "acronym", "acronym"])
        XCTAssertEqual(
            problems.filter { $0.slide == "number" }.map(\.message),
            ["\"$12960\": write thousands with commas ($12,960)", "\"77760\": write thousands with commas (77,760)",
             "\"1 000\": write thousands with commas (1,000)"])
        XCTAssertEqual(kinds("raw-id"), ["raw-id", "raw-id"])
        XCTAssertEqual(kinds("words"), ["words"])
        XCTAssertEqual(kinds("clean"), [], problems.description)
    }

    func testTheFixtureDeckLintsClean() throws {
        let project = DeliverablesFixture.project
        let slides = SlideDeck.slides(project: project, scoreboard: try DeliverablesFixture.scoreboard(), history: RunHistory(DeliverablesFixture.runs))
        XCTAssertEqual(DeckLint.lint(slides, rawIDs: SlideDeck.rawIDs(project: project)), [])
    }

    func testOverflowIsReadFromTheCheckedPage() {
        let dom = "<html><body><pre id=\"deck-check\">checked 11\nexperiment-tracking 802 672 1280 1280</pre></body></html>"
        XCTAssertEqual(
            DeckLint.overflow(fromDOM: dom),
            [DeckLint.Problem(
                slide: "experiment-tracking", kind: "overflow",
                message: "its content is 1280×802 px in a 1280×672 px frame at 1280×720; shorten it")])
        XCTAssertEqual(DeckLint.overflow(fromDOM: "<pre id=\"deck-check\">checked 3\n</pre>"), [])
        XCTAssertNil(DeckLint.overflow(fromDOM: "<html></html>"), "a page that did not report is not a pass")
    }

    func testAProjectDeckTemplateIsUsedAndEscapes() throws {
        var sources = BuiltinTemplates.all
        sources["deck"] = "{{#slides}}[{{title}}|{{number}}]{{/slides}}"
        let templates = try TemplateSet(sources: sources, overridden: ["deck"])
        let team = DeliverablesFixture.project.team
        let slides = [Slide(id: "a", title: "<b>", body: "", notes: ""), Slide(id: "q", title: "Q", body: "", notes: "", backup: true)]
        let html = DeckPage.html(slides: slides, plan: TalkPlan.plan(slides: slides, team: team), team: team, images: [:], templates: templates)
        XCTAssertEqual(html, "[&lt;b&gt;|1 / 1][Q|backup]")
    }

    func testCommaThousandsRewritesSpacedGroupsOnly() {
        XCTAssertEqual(DeckLint.commaThousands("per 1 000 lines at 100 000 rows"), "per 1,000 lines at 100,000 rows")
        XCTAssertEqual(DeckLint.commaThousands("slide 3 of 11, 2 1234"), "slide 3 of 11, 2 1234")
        XCTAssertEqual(DeckLint.commaThousands("no groups here: 12 34, 1 23"), "no groups here: 12 34, 1 23")
        XCTAssertEqual(DeckLint.commaThousands("€ 12 500 a year"), "€ 12,500 a year", "not ASCII: by characters")
        XCTAssertEqual(DeckLint.commaThousands("٣ ٥٠٠ runs"), "٣,٥٠٠ runs", "any digits")
    }

    func testANewProjectWithNoRunsClaimsNoMeasurement() throws {
        let project = DeliverablesFixture.project
        let board = try Scorer.score(project: project, history: .empty, options: ScoringOptions(samples: 0))
        let slides = SlideDeck.slides(project: project, scoreboard: board, history: .empty)
        let posts = CheckinPosts.posts(project: project, scoreboard: board, history: .empty)
        let text = slides.map { $0.title + $0.body + $0.notes }.joined() + posts.map(\.markdown).joined()
        for claim in ["measured", "ran the same", "Each ran", "recorded run", "ran the scenario"] {
            XCTAssertFalse(
                text.replacingOccurrences(of: "not measured", with: "").replacingOccurrences(of: "No scenario has run yet", with: "")
                    .contains(claim), claim)
        }
        XCTAssertTrue(slides[0].notes.contains("No scenario has run yet, so every score rests on sourced facts."), slides[0].notes)
        XCTAssertTrue(slides[2].notes.contains("No scenario has run yet, so MLflow and Aim *fast* were compared on sourced facts only."))
    }

    func testAOneStageProjectSpeaksOfItsOwnStageWithoutPipelineWording() throws {
        var project = DeliverablesFixture.project
        project.stages.removeLast()
        project.team.stages.removeLast()
        project.team.schedule.removeLast()
        let board = try Scorer.score(project: project, history: RunHistory(DeliverablesFixture.runs), options: ScoringOptions(samples: 0))
        let slides = SlideDeck.slides(project: project, scoreboard: board, history: RunHistory(DeliverablesFixture.runs))
        let text = slides.map { $0.title + " " + $0.body + " " + $0.notes }.joined(separator: " ")
        for wording in ["pipeline", "MLOps", "ML platform", "1 stages", "1 tools", "stack of", "monitoring", "retrain"] {
            XCTAssertFalse(text.contains(wording), wording)
        }
        XCTAssertEqual(slides.first?.title, "Team <script>alert(1)</script>: choosing a tool on evidence")
        XCTAssertTrue(text.contains("We compared 2 tools for experiment tracking and scored them on lock-in and performance."), text)
        XCTAssertTrue(text.contains("We ask you to approve MLflow."), text)
    }

    func testMeasurementClaimsAreMadePerTool() throws {
        let project = DeliverablesFixture.project
        var runs = DeliverablesFixture.runs
        // Aim ran once only: the two tools are named apart.
        runs[0].observations.removeAll { $0.tool == "aim" && $0.repetition > 1 }
        let summary = StageSummary(stage: project.stages[0], scoreboard: nil, history: RunHistory(runs))
        XCTAssertEqual(summary.measurementClaim, "MLflow ran the scenario three times; Aim *fast* ran the scenario once.")
        runs[0].observations.removeAll { $0.tool == "aim" }
        XCTAssertEqual(
            StageSummary(stage: project.stages[0], scoreboard: nil, history: RunHistory(runs)).measurementClaim,
            "MLflow ran the scenario three times; Aim *fast* was compared on sourced facts only.")
        XCTAssertEqual(
            StageSummary(stage: project.stages[0], scoreboard: nil, history: RunHistory(DeliverablesFixture.runs)).measurementClaim,
            "Both ran the same scripted scenario three times.")
        XCTAssertEqual(
            StageSummary(stage: project.stages[1], scoreboard: nil, history: RunHistory(runs)).measurementClaim,
            "This stage has no scripted scenario, so its candidates were compared on sourced facts only.")
    }
}
