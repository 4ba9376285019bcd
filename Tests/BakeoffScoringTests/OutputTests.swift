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

    func testTheEvaluationCarriesEveryProfileOncePerSetOfGates() throws {
        var f = Fixture.threeTools()
        f.profile("speedy", ["a": 3, "b": 1])
        f.profile("hosted", ["a": 1, "b": 1], gates: [Gate(fact: "license", allowed: ["MIT"], reason: "MIT only")])
        let evaluation = try Evaluation.make(
            project: f.project, history: .empty, options: ScoringOptions(weightOverrides: ["a": 2], samples: 0), withProfiles: true)
        XCTAssertNil(try Evaluation.make(project: f.project, history: .empty, options: ScoringOptions(samples: 0)).profiles, "only build asks")
        let profiles = try XCTUnwrap(evaluation.profiles)
        XCTAssertEqual(profiles.profiles.map(\.id), ["base", "speedy", "hosted"])
        // base and speedy have the same gates: one board, base's own (with the --weight override); hosted has its own.
        XCTAssertEqual(profiles.profiles.map(\.board), [0, 0, 1])
        XCTAssertEqual(profiles.profile("speedy")?.weights, [3, 1])
        XCTAssertEqual(profiles.boards[0].map(\.card), evaluation.scoreboard.stages)
        XCTAssertEqual(profiles.boards[1][0].card.tools.filter { $0.eliminated == nil }.map(\.tool), ["p"])
        // No scenario: nothing is measured, no other side.
        XCTAssertEqual(profiles.boards[0][0].measured, [])
        XCTAssertNil(profiles.boards[0][0].otherSide)
    }

    func testJSONIsPrettyWithSortedKeysOrCompactInTheGivenOrderAtFullPrecision() {
        let value = JSONValue.ordered([
            "z": .number(0.1 + 0.2), "a": .object(["y": .integer(1), "b": .array([.number(2), .null])]), "m": .array([]),
        ])
        XCTAssertEqual(
            value.rendered(),
            "{\n  \"z\": 0.3,\n  \"a\": {\n    \"b\": [\n      2,\n      null\n    ],\n    \"y\": 1\n  },\n  \"m\": []\n}\n")
        XCTAssertEqual(value.rendered(.compact), #"{"z":0.30000000000000004,"a":{"b":[2.0,null],"y":1},"m":[]}"#)
        XCTAssertEqual(JSONValue.number(.infinity).rendered(.compact), "null")
    }

    func testSyntheticLargeProjectScoresEveryStage() throws {
        let (project, runs) = SyntheticProject.make(stages: 4, tools: 6, indicators: 30, seed: 5)
        let board = try Scorer.score(project: project, history: RunHistory(runs), options: ScoringOptions(samples: 1000))
        XCTAssertEqual(board.stages.count, 4)
        for card in board.stages {
            XCTAssertEqual(card.tools.count, 6)
            XCTAssertNotNil(card.winner)
            XCTAssertEqual(card.tools[0].indicators.count, 30)
            XCTAssertEqual(card.sensitivity!.winProbability.values.reduce(0, +), 1, accuracy: 1e-9)
        }
        XCTAssertEqual(board, try Scorer.score(project: project, history: RunHistory(runs), options: ScoringOptions(samples: 1000)))
    }
}
