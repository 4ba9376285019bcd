@testable import BakeoffCatalog
import BakeoffModel
import XCTest

/// `init --due`: the schedule takes the dates given, with any gaps, and continues weekly after the last.
final class ScaffoldScheduleTests: XCTestCase {
    func testDueDatesAreKeptWithTheirGapsAndTheRestFollowWeekly() {
        let stages = ["a", "b", "c"].enumerated().map { i, id in
            Stage(id: id, order: i + 1, title: id, question: "", candidates: [])
        }
        var settings = ProjectScaffold.Settings(
            team: "T", company: .startup, dataScienceTeam: .core, product: "P", members: ["Ann"], start: Day("2026-09-14")!)
        settings.dueDates = [Day("2026-09-14")!, Day("2026-09-28")!]  // a two-week gap
        let yaml = ProjectScaffold.teamFile(settings: settings, stages: stages, profiles: ["startup"])
        XCTAssertTrue(
            yaml.contains(
                """
                    - {id: group-details, due: 2026-09-14}
                    - {id: a, due: 2026-09-28}
                    - {id: b, due: 2026-10-05}
                    - {id: c, due: 2026-10-12}
                """), yaml)
        settings.dueDates = []
        XCTAssertTrue(ProjectScaffold.teamFile(settings: settings, stages: stages, profiles: []).contains("- {id: c, due: 2026-10-05}"))
    }
}

/// `init --stage`: a copied stage's diagram references point past the stages left out.
final class ScaffoldFlowTests: XCTestCase {
    func testAfterSkipsToTheNearestPresentStageAndFeedsToAbsentOnesAreDropped() {
        let predecessors = ["a": [], "b": ["a"], "c": ["b"], "d": ["c", "b"]]
        let text = """
            flow: {after: [c]}   # comment
            flow:
              after: [c, b]
              feeds:
                - {to: b, kind: side, label: "x, y"}
                - {to: a, kind: side, label: z}
            other: [c]
              feeds: [{to: c, kind: feedback, label: "back [again]"}]
            """
        let pruned = ProjectScaffold.pruneFlow(text, present: ["a", "d"], predecessors: predecessors)
        XCTAssertEqual(pruned, """
            flow: {after: [a]}   # comment
            flow:
              after: [a]
              feeds:
                - {to: a, kind: side, label: z}
            other: [c]
              feeds: []
            """)
        XCTAssertEqual(ProjectScaffold.pruneFlow("flow: {after: [b]}", present: ["c"], predecessors: predecessors), "flow: {after: []}")
    }
}
