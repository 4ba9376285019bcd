import BakeoffModel
@testable import BakeoffReports
@testable import BakeoffScoring
import XCTest

/// One recommendation everywhere: a whole-stack choice that differs from two stage winners is named the same
/// in the deck, the posts, the overview, the diagram, the Q&A and the stack check's list.
final class RecommendationTests: XCTestCase {
    /// The fixture's winners are MLflow and DVC; this stack takes Aim and Git LFS instead.
    private func differingStack() throws -> StackAnalysis {
        let board = try DeliverablesFixture.scoreboard()
        XCTAssertEqual(board.stages.map(\.winner), ["mlflow", "dvc"])
        func member(_ stage: String, _ tool: String, _ alone: Double, _ inStack: Double) -> StackChoice.Member {
            StackChoice.Member(stage: stage, tool: tool, alone: alone, inStack: inStack, interoperability: nil)
        }
        let chosen = [member("experiment-tracking", "aim", 6.0, 8.0), member("data-versioning", "git-lfs", 9.0, 9.5)]
        let winners = [member("experiment-tracking", "mlflow", 9.0, 7.0), member("data-versioning", "dvc", 10.0, 8.0)]
        let choice = StackChoice(
            criterion: "interoperability", members: chosen, total: 8.75, winners: winners, winnersTotal: 7.5,
            differences: [
                .init(stage: "experiment-tracking", winner: "mlflow", chosen: "aim", why: "w"),
                .init(stage: "data-versioning", winner: "dvc", chosen: "git-lfs", why: "w"),
            ],
            edges: [], winnerEdges: [], robustness: 0.9, samples: 10, seed: 1, runnersUp: [], runnersUpTotals: [], combinations: 4)
        return StackAnalysis(pairs: [], choice: choice, problem: nil)
    }

    func testTheWholeStackChoiceIsTheRecommendationAndSaysWhyItDiffers() throws {
        let project = DeliverablesFixture.project
        let r = Recommendation.make(project: project, scoreboard: try DeliverablesFixture.scoreboard(), stack: try differingStack())
        XCTAssertEqual(r.basis, .wholeStack)
        XCTAssertEqual(r.picks.map(\.tool), ["aim", "git-lfs"])
        XCTAssertEqual(r.picks.map(\.winner), ["mlflow", "dvc"])
        XCTAssertEqual(
            r.pick(for: "experiment-tracking")?.reason,
            "We take Aim *fast* rather than the stage's winner MLflow (9.0 against 6.0 alone) because the whole stack scores "
                + "higher with it: 8.8 against 7.5 once the hand-offs between neighbouring tools count.")
        // Without a stack choice, the stage winners, with no reason.
        let plain = Recommendation.make(project: project, scoreboard: try DeliverablesFixture.scoreboard(), stack: nil)
        XCTAssertEqual(plain.basis, .stageWinners)
        XCTAssertEqual(plain.picks.map(\.tool), ["mlflow", "dvc"])
        XCTAssertTrue(plain.picks.allSatisfy { $0.reason == nil })
    }

    func testOneStackIsNamedInEveryOutput() throws {
        let project = DeliverablesFixture.project
        let board = try DeliverablesFixture.scoreboard()
        let runs = DeliverablesFixture.runs
        let stack = try differingStack()
        let slides = SlideDeck.slides(project: project, scoreboard: board, history: RunHistory(runs), stack: stack)
        func slide(_ id: String) -> Slide { slides.first { $0.id == id }! }
        // Stage slides: the pick in the title, and why it is not the winner.
        XCTAssertEqual(slide("experiment-tracking").title, "Experiment tracking: Aim *fast*")
        XCTAssertEqual(slide("data-versioning").title, "Data versioning: Git LFS")
        XCTAssertTrue(slide("data-versioning").body.contains("Stack pick: the whole stack scores 8.8 with Git LFS, 7.5 with DVC"), slide("data-versioning").body)
        XCTAssertTrue(slide("data-versioning").notes.contains("We take Git LFS rather than the stage's winner DVC"))
        // The stack slide, the cost and the ask.
        XCTAssertTrue(slide("architecture").body.contains("**Aim \\*fast\\***"), slide("architecture").body)
        XCTAssertTrue(slide("architecture").body.contains("**Git LFS** (stage winner DVC)"), slide("architecture").body)
        XCTAssertTrue(slide("cost-risk").body.contains("| Data versioning | Git LFS |"), slide("cost-risk").body)
        XCTAssertTrue(slide("ask").body.contains("Approve the stack: Aim \\*fast\\*, Git LFS"), slide("ask").body)
        XCTAssertTrue(slide("ask").notes.contains("approve this stack of 2 tools: Aim *fast* and Git LFS."), slide("ask").notes)
        for s in slides where !s.backup {
            XCTAssertFalse(s.body.contains("**MLflow**") || s.body.contains("**DVC**"), "\(s.id) names a stage winner as the pick")
        }
        // The last check-in, the overview, the diagram.
        let posts = CheckinPosts.posts(project: project, scoreboard: board, history: RunHistory(runs), stack: stack)
        XCTAssertTrue(posts.last!.markdown.contains("- Data versioning: **Git LFS** — We take Git LFS"), posts.last!.markdown)
        XCTAssertFalse(posts[1].markdown.contains("Our recommendation so far"))
        let model = SiteModel(project: project, scoreboard: board, history: RunHistory(runs), version: "t", stack: stack)
        XCTAssertEqual(model.indexPage().headline, "We recommend Aim *fast* (Experiment tracking), Git LFS (Data versioning).")
        let nodes = ArchitectureDiagram.nodes(project: project, scoreboard: board, pairs: [], recommendation: model.recommendation)
        XCTAssertEqual(nodes.map(\.winner), ["Aim *fast*", "Git LFS"])
        XCTAssertEqual(nodes.map(\.runnerUp), ["MLflow", "DVC"])
        XCTAssertTrue(nodes.allSatisfy(\.fallbackIsStageWinner))
        XCTAssertTrue(SiteRenderer.architecture(model)["architecture.svg"]!.contains("stage winner: DVC"))
        // The Q&A asks why not the winners.
        let questions = QuestionsAndAnswers.questions(project: project, scoreboard: board, history: RunHistory(runs), recommendation: model.recommendation)
        XCTAssertEqual(Array(questions.prefix(2).map(\.id)), ["why-not-experiment-tracking", "why-not-data-versioning"])
    }
}
