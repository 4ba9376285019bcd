import BakeoffModel
import BakeoffScoring
import XCTest

@testable import BakeoffReports

/// One measurement, one number: after a second run of a tool, the results table (Measurements) and the
/// indicator the scoring read show the same median, from the same run.
final class OneNumberTests: XCTestCase {
    func testTheResultsTableAndTheIndicatorAgreeAfterASecondRun() throws {
        let step = ScenarioStep(id: "log", title: "log", description: "", timeoutSeconds: 60)
        let tool = Tool(id: "mlflow", name: "MLflow", homepage: "", summary: "", facts: [])
        let other = Tool(id: "aim", name: "Aim", homepage: "", summary: "", facts: [])
        let stage = Stage(
            id: "tracking", order: 1, title: "Tracking", question: "", candidates: [tool, other],
            scenario: Scenario(description: "", parameters: [], steps: [step]))
        let indicator = Indicator(
            id: "t", title: "t", description: "", unit: "s", direction: .lower, source: .step(id: "log", measure: .wall),
            normalization: .ratioToBest, weight: 1)
        let team = Team(
            name: "t", company: .startup, dataScienceTeam: .core, product: "", members: [], poster: "", schedule: [],
            profile: "p", stages: [StageAssignment(stage: "tracking", candidates: [Assessment(tool: "mlflow", assessors: []), Assessment(tool: "aim", assessors: [])])])
        let project = Project(
            root: "/x", team: team, criteria: [Criterion(id: "performance", title: "P", description: "", indicators: [indicator])],
            costModel: CostModel(horizonMonths: 36, inputs: [:], basis: ""),
            profiles: [Profile(id: "p", title: "p", description: "", weights: ["performance": 1], rationale: [:])], stages: [stage])
        let provenance = Provenance(cpuModel: "c", cores: 2, memoryBytes: 0, os: "", kernel: "", python: "", uv: "", gitCommit: "", bakeoffVersion: "", network: "")
        func run(_ id: String, _ at: String, _ walls: [Double], tools: [String]) -> Run {
            let observations = tools.flatMap { t in
                walls.enumerated().map { i, w in
                    Observation(runID: id, stage: "tracking", tool: t, step: "log", repetition: i + 1, status: .ok, startedAt: at, wallSeconds: w)
                }
            }
            return Run(id: id, startedAt: at, endedAt: at, status: .complete, repetitions: walls.count, provenance: provenance, environments: [], observations: observations)
        }
        // The first run: 3 repetitions (cold 12, warm 11, 11.686 → median 11.343); the second, newer: 9, 7, 7.58.
        let first = run("r1", "2026-11-01T00:00:00Z", [12, 11, 11.686], tools: ["mlflow", "aim"])
        let second = run("r2", "2026-11-02T00:00:00Z", [9, 7, 7.58], tools: ["mlflow"])
        let board = try Scorer.score(project: project, history: RunHistory([first, second]), options: ScoringOptions(samples: 0))
        let indicator_ = board.stages[0].tools.first { $0.tool == "mlflow" }!.indicators[0]
        let measurements = Measurements(runs: [first, second], selection: board.evidenceSelection)
        let row = measurements.measurement(stage: "tracking", tool: "mlflow", step: "log")!
        XCTAssertEqual(indicator_.raw!, 7.29, accuracy: 1e-12)
        XCTAssertEqual(row.wall!.median, indicator_.raw!, accuracy: 1e-12)
        XCTAssertEqual(row.wall!.n, indicator_.spread!.n)
        XCTAssertEqual(row.runs, ["r2"])
        XCTAssertEqual(board.evidenceRun(stage: "tracking", tool: "aim"), "r1")
    }
}
