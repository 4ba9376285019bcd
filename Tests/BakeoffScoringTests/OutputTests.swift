import BakeoffModel
import Foundation
import ScoringFixture
import TestSupport
import XCTest

@testable import BakeoffBench

@testable import BakeoffScoring

/// What is computed for the outputs: the comparison of two profiles, and a large synthetic project scored.
final class OutputTests: XCTestCase {
    func testProfileDiffNamesTheChangedWinnerAndTheCriterionBehindIt() throws {
        let (base, speedy) = try Fixture.threeToolsUnderTwoProfiles()
        let diff = ProfileComparison(base, speedy)
        // a: 25% → 75% (+50), b: 75% → 25%; q → r. Swing on a: +0.5 × (10 − 5) = 2.5; on b: −0.5 × (3 − 8) = 2.5
        // (r's unknown lic counts at the worst known, 6); the first of equal swings is named.
        XCTAssertEqual(diff.weights.map(\.criterion), ["a", "b"])
        XCTAssertEqual(diff.weights[0].delta, 0.5, accuracy: 1e-12)
        let stage = diff.stages[0]
        XCTAssertEqual(stage.winnerFrom, "q")
        XCTAssertEqual(stage.winnerTo, "r")
        XCTAssertEqual(stage.why, .weight(criterion: "a", from: 0.25, to: 0.75, leader: "r", trailer: "q", gap: 5))
        XCTAssertEqual(stage.ranks.first { $0.tool == "r" }.map { [$0.from, $0.to] }, [3, 1])
        let same = ProfileComparison(base, base)
        XCTAssertFalse(same.stages[0].winnerChanged)
    }

    func testSyntheticLargeProjectScoresEveryStage() throws {
        let (project, runs) = SyntheticProject.make(stages: 4, tools: 6, indicators: 30, seed: 5)
        let board = try Scorer.score(project: project, runs: runs, options: ScoringOptions(samples: 1000))
        XCTAssertEqual(board.stages.count, 4)
        for card in board.stages {
            XCTAssertEqual(card.tools.count, 6)
            XCTAssertNotNil(card.winner)
            XCTAssertEqual(card.tools[0].indicators.count, 30)
            XCTAssertEqual(card.sensitivity!.winProbability.values.reduce(0, +), 1, accuracy: 1e-9)
        }
        XCTAssertEqual(board, try Scorer.score(project: project, runs: runs, options: ScoringOptions(samples: 1000)))
    }
}
