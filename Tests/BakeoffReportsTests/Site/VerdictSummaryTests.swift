import BakeoffModel
import BakeoffScoring
import Foundation
import XCTest

@testable import BakeoffReports

/// The verdict a reader sees first, on the fixture's hand-made scorecard (weights cost 0.5, performance 0.3,
/// support 0.2; MLflow 10 / 8 / 9.6, W&B 4 / 10 / unknown).
final class VerdictSummaryTests: XCTestCase {
    func summary(_ board: Scoreboard? = nil) -> VerdictSummary {
        let project = SiteFixture.project(SiteFixture.plain)
        let model = SiteModel(
            project: project, scoreboard: board ?? SiteFixture.scoreboard(SiteFixture.plain), history: RunHistory(SiteFixture.runs()), version: "0.1.0")
        return model.verdict(project.stages[0])
    }

    func testContributionsSplitTheMarginByIndicator() {
        let v = summary()
        // cost: 0.5 × (10 − 4) = 3.0 for MLflow; performance: 0.3 × (8 − 10) = −0.6; support is unknown for W&B.
        XCTAssertEqual(v.deciding.map(\.indicator), ["tco", "log-wall"])
        XCTAssertEqual(v.deciding[0].contribution, 3.0, accuracy: 1e-9)
        XCTAssertEqual(v.deciding[1].contribution, -0.6, accuracy: 1e-9)
        XCTAssertFalse(v.deciding[0].measured)
        XCTAssertTrue(v.deciding[1].measured)
        // The scorer did not tie MLflow's 12–13 s with W&B's 9–11 s.
        XCTAssertFalse(v.deciding[1].withinNoise)
        XCTAssertEqual(v.leadingMeasurement?.indicator, "tco", "no measurement favours MLflow, so the fact-based one leads")
        XCTAssertEqual(v.chartIndicators().map(\.indicator), ["tco"])
    }

    func testSharesStepsAndConfidence() {
        let v = summary()
        // MLflow: performance (0.3) measured, cost (0.5) and support (0.2) from facts and the cost model.
        XCTAssertEqual(v.measuredShare, 0.3, accuracy: 1e-9)
        XCTAssertEqual(v.factShare, 0.7, accuracy: 1e-9)
        XCTAssertEqual(v.unknownShare, 0, accuracy: 1e-9)
        XCTAssertEqual(v.stepsDone.map { "\($0.tool) \($0.done)/\($0.total) \($0.neverRun)" }, ["mlflow 2/2 false", "wandb 1/2 false", "aim 0/2 false"])
        XCTAssertNil(v.provisional, "the scorecard says nothing is provisional")
        XCTAssertEqual(v.level, .high)
        XCTAssertEqual(v.limits, [])
    }

    func testConfidenceFallsWithTheEvidence() {
        var board = SiteFixture.scoreboard(SiteFixture.plain)
        // A fragile win: first in 40 % of the weightings.
        board.stages[0].sensitivity?.winProbability = ["mlflow": 0.4, "wandb": 0.6]
        XCTAssertEqual(summary(board).level, .low)
        XCTAssertEqual(summary(board).limits, ["first in 40 % of sampled weightings"])

        // The scoring found W&B could overtake with its unknown support at its best.
        board = SiteFixture.scoreboard(SiteFixture.plain)
        board.stages[0].provisional = Provisional(
            challenger: "wandb", deciding: ["cadence"], challengerBest: 9.5, winnerTotal: 9.22, next: "source W&B's release cadence")
        let close = summary(board)
        XCTAssertEqual(
            close.provisional,
            "Provisional: Weights & Biases would overtake with its unknowns at the best known score (9.50 against 9.22); to settle it, source W&B's release cadence.")
        XCTAssertEqual(close.level, .medium)
        XCTAssertEqual(close.limits, ["provisional: Weights & Biases could overtake with its unknowns at their best"])

        // The winner did 1 of its 2 steps.
        board = SiteFixture.scoreboard(SiteFixture.plain)
        board.stages[0].tools[0].coverage = Coverage(done: 1, total: 2, notDone: ["log_runs": "failed"])
        XCTAssertEqual(summary(board).level, .medium)
        XCTAssertEqual(summary(board).limits, ["MLflow did 1 of 2 steps, Weights & Biases 1 of 2"])

        // Never run: no coverage at all.
        board.stages[0].tools[0].coverage = nil
        board.stages[0].tools[0].notMeasured = true
        XCTAssertEqual(summary(board).level, .low)
        XCTAssertTrue(summary(board).stepsDone[0].neverRun)

        // A noise tie on the total.
        board = SiteFixture.scoreboard(SiteFixture.plain)
        board.stages[0].tiedWithWinner = ["wandb"]
        XCTAssertEqual(summary(board).level, .low)
        XCTAssertEqual(summary(board).tiedWithWinner, ["Weights & Biases"])
    }

    func testVerdictIsTwoSentencesNamingWinnerMarginAndWhatDecidedIt() {
        let text = SiteModel.verdictMarkdown(summary())
        XCTAssertEqual(
            text,
            #"**MLflow** wins with 9.2 of 10 against 6.4 for **Weights \& Biases**, a margin of 2.8, decided most by total cost of ownership (\$3 000 against \$6 000). Not provisional: no unknown could reverse the order."# + "\n")
    }

    func testOverviewNamesTheMeasurementNextToTheScore() {
        let v = summary()
        XCTAssertEqual(SiteModel.againstText(v.deciding[1], v), "Log runs wall time: 12.5 s against 10 s for Weights & Biases")
    }

    func testFactLabelsNeverShowTheRawKey() {
        XCTAssertEqual(FactLabels.label("pricing.model"), "Pricing")
        XCTAssertEqual(FactLabels.label("release_cadence_days"), "Release cadence")
        XCTAssertEqual(FactLabels.label("free_minutes_month"), "Free minutes")
        XCTAssertEqual(FactLabels.label("suited_to"), "Suited to")
        XCTAssertEqual(FactLabels.label("pricing.tier-name"), "Pricing tier name")
        let fact = Fact(key: "release_cadence_days", value: .number(17), source: "https://x.org", asOf: Day(year: 2026, month: 1, day: 2))
        XCTAssertEqual(FactLabels.value(fact), "17 days between releases")
        XCTAssertEqual(FactLabels.readable("unknown (no release_cadence_days fact)"), "unknown (no release cadence fact)")
        XCTAssertEqual(FactLabels.readable("unknown (no ok measurement of log_runs)"), "unknown (no ok measurement of log_runs)")
        XCTAssertEqual(FactLabels.readable("no license fact; no pricing.model fact"), "no license fact; no pricing fact")
        XCTAssertEqual(FactLabels.readable("free (pricing.model: free)"), "free (pricing: free)")
    }

    func testRunIdsAreShortWhenUniqueAndWholeOtherwise() {
        let labels = SiteModel.shortRunLabels(["20261129T051735Z-01e5", "20261130T101010Z-9abc", "run-1", "x-0000", "y-0000"])
        XCTAssertEqual(labels["20261129T051735Z-01e5"], "01e5")
        XCTAssertEqual(labels["20261130T101010Z-9abc"], "9abc")
        XCTAssertEqual(labels["run-1"], "run-1", "a one-character suffix is not an id")
        XCTAssertEqual(labels["x-0000"], "x-0000", "a shared suffix would be ambiguous")
    }
}
