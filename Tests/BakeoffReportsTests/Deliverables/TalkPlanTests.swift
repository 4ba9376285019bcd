import BakeoffModel
@testable import BakeoffReports
import XCTest

final class TalkPlanTests: XCTestCase {
    /// A team whose talk has no transitions and no margin unless asked (the older tests count speech only).
    private func team(
        members: [String], speakers: [String: String] = [:], limit: Int = 300, slideChange: Int = 0, speakerChange: Int = 0,
        margin: Int = 0
    ) -> Team {
        Team(
            name: "T", company: .startup, dataScienceTeam: .core, product: "P",
            members: members.map { Member(id: $0, name: $0.uppercased()) }, poster: members[0], schedule: [],
            profile: "startup", stages: [],
            talk: TalkSettings(
                limitSeconds: limit, minimumPerMemberSeconds: 60, wordsPerMinute: 150, speakers: speakers,
                slideChangeSeconds: slideChange, speakerChangeSeconds: speakerChange, safetyMarginSeconds: margin))
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

final class TalkMarginTests: XCTestCase {
    private func team(_ n: Int, margin: Int = 10) -> Team {
        let ids = ["a", "b", "c", "d", "e", "f"].prefix(n)
        return Team(
            name: "T", company: .startup, dataScienceTeam: .core, product: "P",
            members: ids.map { Member(id: $0, name: $0.uppercased()) }, poster: "a", schedule: [], profile: "startup",
            stages: [],
            talk: TalkSettings(
                limitSeconds: 300, minimumPerMemberSeconds: 60, wordsPerMinute: 150, slideChangeSeconds: 2,
                speakerChangeSeconds: 3, safetyMarginSeconds: margin))
    }

    private func slide(_ id: String, seconds: Int, backup: Bool = false) -> Slide {
        Slide(id: id, title: id, body: "", notes: Array(repeating: "word", count: seconds * 5 / 2).joined(separator: " "), backup: backup)
    }

    func testSlideAndSpeakerChangesCountAndTheMarginIsKept() {
        // 8 slides of 33 s: 264 s speech + 7 slide changes × 2 s + 3 speaker changes × 3 s = 287 s > 300 − 10.
        let slides = (1...8).map { slide("s\($0)", seconds: 33) }
        let plan = TalkPlan.plan(slides: slides, team: team(4))
        XCTAssertEqual(plan.parts.map(\.transitionSeconds), [0, 2, 5, 2, 5, 2, 5, 2])
        XCTAssertEqual(plan.totalSeconds, 287)
        XCTAssertTrue(plan.fits, plan.problems.joined(separator: "\n"))
        // Each member: 66 s speech + their slide changes (a: 2, others 4) against 60 + ⌈10 / 4⌉ = 63 s.
        XCTAssertEqual(plan.perSpeaker.map(\.seconds), [68, 70, 70, 70])
        XCTAssertEqual(plan.memberTargetSeconds, 63)
        // With a 20 s margin the same talk no longer fits: 287 > 280.
        let tight = TalkPlan.plan(slides: slides, team: team(4, margin: 20))
        XCTAssertEqual(
            tight.problems,
            ["the talk takes 4:47 with its slide and speaker changes, over its limit of 5:00 less a 20 s safety margin (4:40); shorten the notes"])
    }

    func testAMemberJustOverTheMinimumButInsideTheMarginFails() {
        // b speaks 61 s + one slide change = 63 s; target 60 + ⌈10 / 2⌉ = 65 s.
        let slides = [slide("s1", seconds: 100), slide("s2", seconds: 61)]
        let plan = TalkPlan.plan(slides: slides, team: team(2))
        XCTAssertEqual(plan.perSpeaker.map(\.seconds), [100, 63])
        XCTAssertEqual(plan.problems, ["B speaks 1:03, under the minimum of 1:00 plus 5 s of safety margin"])
    }

    func testBackupSlidesAreNotTimed() {
        let slides = [slide("s1", seconds: 70), slide("s2", seconds: 70), slide("q", seconds: 200, backup: true)]
        let plan = TalkPlan.plan(slides: slides, team: team(2))
        XCTAssertEqual(plan.parts.map(\.slide), ["s1", "s2"])
        XCTAssertEqual(plan.totalSeconds, 145)
    }

    func testTeamSizeOutsideTheCourseRangeWarnsButDoesNotFail() {
        let slides = (1...6).map { slide("s\($0)", seconds: 10) }
        for (n, warns) in [(1, true), (3, false), (4, false), (6, true)] {
            let plan = TalkPlan.plan(slides: slides, team: team(n, margin: 0), teamSize: 3...4)
            XCTAssertEqual(!plan.warnings.isEmpty, warns, "\(n) members")
        }
        XCTAssertEqual(
            TalkPlan.plan(slides: slides, team: team(6), teamSize: 3...4).warnings, ["the team has 6 members; the course asks for 3–4"])
        XCTAssertEqual(
            TalkPlan.plan(slides: slides, team: team(1), teamSize: 3...4).warnings, ["the team has 1 member; the course asks for 3–4"])
    }
}

final class ProseTests: XCTestCase {
    func testArticlesFollowTheSoundOfTheNextWord() {
        XCTAssertEqual(Prose.withArticle("experimentation ML team"), "an experimentation ML team")
        XCTAssertEqual(Prose.withArticle("startup"), "a startup")
        XCTAssertEqual(Prose.withArticle("ML team"), "an ML team")
        XCTAssertEqual(Prose.withArticle("R&D ML team"), "an R&D ML team")
        XCTAssertEqual(Prose.withArticle("CI/CD job"), "a CI/CD job")
        XCTAssertEqual(Prose.withArticle("unit test"), "a unit test")
        XCTAssertEqual(Prose.withArticle("hour"), "an hour")
    }

    func testNumbersPluralsAndAcronyms() {
        XCTAssertEqual(Prose.usd(12960), "$12,960")
        XCTAssertEqual(Prose.usd(77760.4), "$77,760")
        XCTAssertEqual(Prose.usd(1_234_567), "$1,234,567")
        XCTAssertEqual(Prose.count(1, "stage"), "1 stage")
        XCTAssertEqual(Prose.count(2, "stage"), "2 stages")
        XCTAssertEqual(Prose.times(3), "three times")
        XCTAssertEqual(Prose.inSentence("ML pipeline orchestration"), "ML pipeline orchestration")
        XCTAssertEqual(Prose.inSentence("CI/CD, linting, styling"), "CI/CD, linting, styling")
        XCTAssertEqual(Prose.inSentence("Experiment tracking"), "experiment tracking")
        XCTAssertEqual(Prose.inSentence("Model monitoring with MLOps"), "model monitoring with MLOps")
        XCTAssertEqual(Prose.list(["Ruff", "Black"]), "Ruff and Black")
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

    func testALinkDestinationKeepsItsAngleBracketsWhateverFollowsThem() {
        XCTAssertEqual(MarkdownText.link("a", to: "https://x.test/<\u{301}>\r\n?q"), "[a](<https://x.test/%3C\u{301}%3E?q>)")
        XCTAssertTrue(GFM.html(MarkdownText.link("docs", to: "https://x.test/a b>c")).contains("<a href=\"https://x.test/a%20b%3Ec\">docs</a>"))
    }
}
