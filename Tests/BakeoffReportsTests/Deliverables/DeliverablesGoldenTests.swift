import BakeoffModel
import BakeoffReports
import TestSupport
import XCTest

final class DeliverablesGoldenTests: XCTestCase {
    func testCheckinPostsMatchTheirGoldenFilesAndHaveNoRawHTML() throws {
        let posts = CheckinPosts.posts(
            project: DeliverablesFixture.project, scoreboard: try DeliverablesFixture.scoreboard(), history: RunHistory(DeliverablesFixture.runs))
        XCTAssertEqual(posts.map(\.fileName), ["01-group-details.md", "02-experiment-tracking.md", "03-data-versioning.md"])
        for post in posts {
            assertGolden(post.markdown, named: post.fileName)
            let html = GFM.html(post.markdown)
            XCTAssertFalse(html.contains("raw HTML omitted"), post.fileName)
            XCTAssertFalse(html.contains("<script"), post.fileName)
        }
        // Post 2 has results: a table and the leader.
        XCTAssertTrue(posts[1].markdown.contains("**Leader so far:** MLflow"), posts[1].markdown)
        XCTAssertTrue(GFM.html(posts[1].markdown).contains("<table>"))
    }

    func testCheckinWithoutEvidenceSaysSo() throws {
        var project = DeliverablesFixture.project
        project.criteria.removeFirst()  // only the measured criterion is left, and nothing was measured
        let board = try BakeoffScoring.Scorer.score(project: project, history: .empty, options: .init(samples: 0))
        let post = CheckinPosts.post("2", project: project, scoreboard: board, history: .empty)
        XCTAssertTrue(post?.markdown.contains("No results yet") ?? false, post?.markdown ?? "")
    }

    func testDeckMatchesItsGoldenFileAndFitsTheTalk() throws {
        let project = DeliverablesFixture.project
        let slides = SlideDeck.slides(project: project, scoreboard: try DeliverablesFixture.scoreboard(), history: RunHistory(DeliverablesFixture.runs))
        let plan = TalkPlan.plan(slides: slides, team: project.team)
        let deck = SlideDeck.marp(slides: slides, plan: plan, team: project.team)
        assertGolden(deck, named: "deck.md")
        XCTAssertTrue(deck.hasPrefix("---\nmarp: true\n"))
        XCTAssertEqual(
            slides.filter { !$0.backup }.map(\.id), ["title", "architecture", "experiment-tracking", "data-versioning", "cost-risk", "ask"])
        XCTAssertTrue(slides.filter(\.backup).allSatisfy { $0.id.hasPrefix("backup-") && $0.notes.isEmpty })
        XCTAssertLessThanOrEqual(plan.totalSeconds, 290)
        // Speaker notes are comments that do not start with a Marp directive, and never close early.
        for comment in deck.components(separatedBy: "<!--").dropFirst() {
            let body = comment.components(separatedBy: "-->")[0]
            XCTAssertTrue(body.hasPrefix("\nSpeaker: "), body)
            XCTAssertFalse(body.contains("--"), body)
        }
    }
}

import BakeoffScoring

final class DeckPageTests: XCTestCase {
    func testSelfContainedDeckInlinesImagesAndEscapesNames() throws {
        let project = DeliverablesFixture.project
        let slides = SlideDeck.slides(project: project, scoreboard: try DeliverablesFixture.scoreboard(), history: RunHistory(DeliverablesFixture.runs))
        let plan = TalkPlan.plan(slides: slides, team: project.team)
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let html = DeckPage.html(slides: slides, plan: plan, team: project.team, images: [SlideDeck.Assets.architecture: svg])
        XCTAssertEqual(html.components(separatedBy: "<section class=\"slide").count - 1, slides.count)
        // The notes never show on the shared screen: hidden, and only read by the presenter window.
        XCTAssertEqual(html.components(separatedBy: "<aside class=\"notes\" hidden").count - 1, slides.count)
        XCTAssertTrue(html.contains(".notes { display: none !important; }"))
        XCTAssertTrue(html.contains("window.open(\"\", \"bakeoff-presenter\""))
        XCTAssertFalse(html.contains("<script>alert"), "a hostile team name must be escaped")
        XCTAssertTrue(html.contains("data:image/svg+xml;base64,"))
        XCTAssertFalse(html.contains("src=\"../site/architecture.svg\""))
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "no external stylesheet")
        XCTAssertEqual(html.components(separatedBy: "<script>").count - 1, 1, "only the navigation script")
        XCTAssertTrue(html.contains("ArrowRight"))
    }
}
