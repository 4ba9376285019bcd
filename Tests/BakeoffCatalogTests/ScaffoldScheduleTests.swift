import BakeoffCatalog
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
