import BakeoffModel
import BakeoffScoring
import XCTest

/// "No release in years" must score below "one release this year": the bundled maintenance indicator scores the
/// days since the latest release linearly from 1095 days (0) to 30 days (10).
final class MaintenanceIndicatorTests: XCTestCase {
    func testAProjectThatStoppedReleasingScoresBelowOneThatReleasedThisYear() throws {
        let day = Day("2026-11-29")!
        func tool(_ id: String, days: Double) -> Tool {
            Tool(id: id, name: id, homepage: "https://example.org", summary: "",
                facts: [Fact(key: "days_since_release", value: .number(days), source: "https://example.org/\(id)", asOf: day)])
        }
        // Released 200 days ago (this year) against 2 400 days ago (six and a half years, as LIME in 2026).
        let stage = Stage(id: "explanations", order: 1, title: "Explanations", question: "?",
            candidates: [tool("recent", days: 200), tool("stale", days: 2400)])
        let maintenance = Indicator(
            id: "maintenance", title: "Days since the latest release", description: "", unit: "days", direction: .lower,
            source: .fact(key: "days_since_release"), normalization: .linear(worst: 1095, best: 30))
        let project = Project(
            root: "/nonexistent",
            team: Team(name: "T", company: .startup, dataScienceTeam: .research, product: "P", members: [Member(id: "a", name: "A")],
                poster: "a", schedule: [], profile: "p",
                stages: [StageAssignment(stage: "explanations", candidates: [Assessment(tool: "recent", assessors: ["a"]), Assessment(tool: "stale", assessors: ["a"])])]),
            criteria: [Criterion(id: "support", title: "Support", description: "", indicators: [maintenance])],
            costModel: CostModel(horizonMonths: 12, inputs: [:], basis: "none"),
            profiles: [Profile(id: "p", title: "P", description: "", weights: ["support": 1], rationale: [:])],
            stages: [stage])
        let card = try XCTUnwrap(try Scorer.score(project: project, history: .empty, options: .init(samples: 0)).stages.first)
        func score(_ id: String) -> Double? { card.tools.first { $0.tool == id }?.indicators.first?.score }
        // (1095 − 200) / (1095 − 30) · 10 = 895 / 1065 · 10 = 8.4038; 2400 is past the worst anchor: 0.
        XCTAssertEqual(try XCTUnwrap(score("recent")), 8.4038, accuracy: 0.0001)
        XCTAssertEqual(score("stale"), 0)
        XCTAssertEqual(card.winner, "recent")
    }
}
