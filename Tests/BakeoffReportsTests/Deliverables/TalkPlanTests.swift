import BakeoffModel
@testable import BakeoffReports
import XCTest

final class TalkPlanTests: XCTestCase {
    private func team(members: [String], speakers: [String: String] = [:], limit: Int = 300) -> Team {
        Team(
            name: "T", company: .startup, dataScienceTeam: .core, product: "P",
            members: members.map { Member(id: $0, name: $0.uppercased()) }, poster: members[0], schedule: [],
            profile: "startup", stages: [],
            talk: TalkSettings(limitSeconds: limit, minimumPerMemberSeconds: 60, wordsPerMinute: 150, speakers: speakers))
    }

    /// A slide whose notes take exactly `seconds` at 150 words per minute (2.5 words a second).
    private func slide(_ id: String, seconds: Int) -> Slide {
        Slide(id: id, title: id, body: "", notes: Array(repeating: "word", count: seconds * 5 / 2).joined(separator: " "))
    }

    func testWordsCountRunsOfLettersAndDigits() {
        XCTAssertEqual(TalkPlan.words(in: "It's 5:00 — p95 latency, ok?"), 6)
        XCTAssertEqual(TalkPlan.words(in: ""), 0)
    }

    func testBalancedPlanFitsAndEveryoneSpeaks() {
        let slides = (1...8).map { slide("s\($0)", seconds: 34) }  // 8 × 34 s = 4:32
        let plan = TalkPlan.plan(slides: slides, team: team(members: ["a", "b", "c", "d"]))
        XCTAssertEqual(plan.totalSeconds, 272)
        XCTAssertEqual(plan.perSpeaker.map(\.seconds), [68, 68, 68, 68])
        XCTAssertEqual(plan.parts.map(\.speaker), ["a", "a", "b", "b", "c", "c", "d", "d"])
        XCTAssertTrue(plan.fits, plan.problems.joined(separator: "\n"))
    }

    func testOneSecondOverTheLimitFails() {
        // 5:01 in total: 7 slides of 43 s.
        let slides = (1...7).map { slide("s\($0)", seconds: 43) }
        let plan = TalkPlan.plan(slides: slides, team: team(members: ["a", "b"]))
        XCTAssertEqual(plan.totalSeconds, 301)
        XCTAssertFalse(plan.fits)
        XCTAssertEqual(plan.problems, ["the talk takes 5:01, over its limit of 5:00; shorten the notes"])
    }

    func testAMemberWithNoSlideFails() {
        let slides = [slide("s1", seconds: 70), slide("s2", seconds: 70)]
        let plan = TalkPlan.plan(slides: slides, team: team(members: ["a", "b", "c"]))
        XCTAssertEqual(plan.perSpeaker.map(\.seconds), [70, 70, 0])
        XCTAssertEqual(plan.problems, ["C has no slide; every member must speak at least 1:00"])
    }

    func testExplicitSpeakersAreKeptAndTheRestBalanced() {
        let slides = [slide("title", seconds: 30), slide("s2", seconds: 60), slide("s3", seconds: 60), slide("ask", seconds: 30)]
        let plan = TalkPlan.plan(slides: slides, team: team(members: ["a", "b"], speakers: ["title": "b", "ask": "b"]))
        XCTAssertEqual(plan.parts.map(\.speaker), ["b", "a", "a", "b"])
        XCTAssertEqual(plan.perSpeaker.map(\.seconds), [120, 60])
        XCTAssertTrue(plan.fits)
    }

    func testUnderTheMinimumIsNamed() {
        let slides = [slide("s1", seconds: 200), slide("s2", seconds: 50)]
        let plan = TalkPlan.plan(slides: slides, team: team(members: ["a", "b"], speakers: ["s1": "a", "s2": "b"]))
        XCTAssertEqual(plan.problems, ["B speaks 0:50, under the minimum of 1:00"])
        XCTAssertTrue(plan.report(team: team(members: ["a", "b"])).contains("B: 0:50  under 1:00"))
    }
}

final class MarkdownTextTests: XCTestCase {
    func testEscapesEverythingThatWouldBecomeMarkupOrHTML() {
        XCTAssertEqual(MarkdownText.escape("<script>alert('x')</script>"), "\\<script\\>alert('x')\\</script\\>")
        XCTAssertEqual(MarkdownText.escape("a|b *c* [d](e) & `f`"), "a\\|b \\*c\\* \\[d\\](e) \\& \\`f\\`")
        XCTAssertEqual(MarkdownText.escape("- item"), "\\- item")
        XCTAssertEqual(MarkdownText.escape("1. first"), "1\\. first")
        XCTAssertEqual(MarkdownText.escape("line\nbreak"), "line break")
    }

    func testRendersAsTheOriginalTextThroughCmark() {
        for hostile in ["<script>alert(1)</script>", "a | b", "**bold**", "[x](javascript:alert(1))", "&amp; &lt;", "# heading", "مرحبا <b>"] {
            let html = GFM.html(MarkdownText.escape(hostile))
            XCTAssertFalse(html.contains("<script"), html)
            XCTAssertFalse(html.contains("<a "), html)
            XCTAssertFalse(html.contains("<strong"), html)
            XCTAssertFalse(html.contains("<h1"), html)
            XCTAssertFalse(html.contains("raw HTML omitted"), html)
        }
    }
}
