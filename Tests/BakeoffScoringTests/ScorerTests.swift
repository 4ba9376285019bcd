import BakeoffModel
import ScoringFixture
import XCTest

@testable import BakeoffScoring

final class ScorerTests: XCTestCase {
    func testHandComputedTotals() throws {
        // x min-max over 10…30: p 0, q 5, r 10.
        // y linear 0→100: p 5, q 10, r 0.  lic: p 10, q 6, r unknown.
        // r's lic is unknown: it counts at the worst known lic, 6 (an unknown is never an advantage).
        // B: p (5+10)/2 = 7.5, q (10+6)/2 = 8, r (0+6)/2 = 3 (one of two indicators known → medium).
        // Weights 1:3 → 0.25, 0.75. p = 0.75·7.5 = 5.625; q = 0.25·5 + 0.75·8 = 7.25; r = 0.25·10 + 0.75·3 = 4.75.
        let card = try Fixture.threeTools().score()
        XCTAssertEqual(card.tools.map(\.tool), ["q", "p", "r"])
        XCTAssertEqual(card.tool("p").total!, 5.625, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").total!, 7.25, accuracy: 1e-12)
        XCTAssertEqual(card.tool("r").total!, 4.75, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").rank, 1)
        XCTAssertEqual(card.winner, "q")
        XCTAssertEqual(card.runnerUp, "p")
        XCTAssertEqual(card.margin!, 1.625, accuracy: 1e-12)
        XCTAssertEqual(card.tool("r").criterion("b").score!, 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("r").indicator("lic").countedAs, 6)
        XCTAssertEqual(card.tool("r").indicator("lic").couldReach, 10)
        XCTAssertEqual(card.tool("r").criterion("b").known, 1)
        XCTAssertEqual(card.tool("r").criterion("b").total, 2)
        XCTAssertEqual(card.tool("r").criterion("b").confidence, .medium)
        XCTAssertEqual(card.tool("p").criterion("b").confidence, .high)
        XCTAssertNil(card.tool("r").indicator("lic").score)
        XCTAssertTrue(card.tool("r").indicator("lic").display.hasPrefix("unknown"))
    }

    func testWeightOverridesAreRelativeToTheProfileScale() throws {
        // a=3, b=1 → 0.75, 0.25: p = 0.25·7.5 = 1.875; q = 0.75·5 + 0.25·8 = 5.75; r = 0.75·10 + 0.25·3 = 8.25.
        let board = try Scorer.score(project: Fixture.threeTools().project, history: .empty, options: ScoringOptions(weightOverrides: ["a": 3, "b": 1], samples: 0))
        XCTAssertEqual(board.weights["a"]!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(board.stages[0].winner, "r")
        XCTAssertEqual(board.stages[0].tool("r").total!, 8.25, accuracy: 1e-12)
        XCTAssertEqual(board.stages[0].tool("p").total!, 1.875, accuracy: 1e-12)
    }

    func testAnUnknownCountsAtTheWorstKnownScoreNeverAsAnAdvantage() throws {
        var f = Fixture.threeTools()
        // s has only x = 30 (score 10 on A). Left out, B would give s the total 10 and the win. Counted at the
        // worst known scores (y 0, lic 6 → B 3) it totals 0.25·10 + 0.75·3 = 4.75 and q keeps the lead.
        f.tool("s", ["x": .number(30)])
        let card = try f.score()
        XCTAssertEqual(card.tool("s").criterion("b").score!, 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("s").criterion("b").known, 0)
        XCTAssertEqual(card.tool("s").criterion("b").confidence, Confidence.none)
        XCTAssertEqual(card.tool("s").total!, 4.75, accuracy: 1e-12)
        XCTAssertEqual(card.winner, "q")
        // A criterion nobody knows is left out for everyone, with the other weights renormalized.
        var g = Fixture(criteria: [
            Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)]),
            Fixture.criterion("b", [Fixture.indicator("y", .fact(key: "y"), .minMax)]),
        ])
        g.tool("p", ["x": .number(1)])
        g.tool("q", ["x": .number(2)])
        g.profile("base", ["a": 1, "b": 3])
        let h = try g.score(ScoringOptions(samples: 0))
        XCTAssertNil(h.tool("q").criterion("b").score)
        XCTAssertEqual(h.tool("q").total!, 10, accuracy: 1e-12)
    }

    func testToolWithNoEvidenceIsUnrankedAsInsufficient() throws {
        var f = Fixture.threeTools()
        f.tool("empty", [:])
        let card = try f.score()
        let empty = card.tool("empty")
        XCTAssertNil(empty.rank)
        XCTAssertNil(empty.total)
        XCTAssertNotNil(empty.insufficientEvidence)
        XCTAssertEqual(card.tools.last?.tool, "empty")
        XCTAssertEqual(card.sensitivity?.winProbability["empty"], nil)
    }

    func testAllUnknownStageHasNoWinnerAndNoSensitivity() throws {
        var f = Fixture(criteria: [Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)])])
        f.tool("p", [:])
        f.tool("q", [:])
        f.profile("base", ["a": 1])
        let card = try f.score()
        XCTAssertNil(card.winner)
        XCTAssertNil(card.sensitivity)
        XCTAssertTrue(card.tools.allSatisfy { $0.insufficientEvidence != nil })
    }

    func testOneCandidate() throws {
        var f = Fixture(criteria: [Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)])])
        f.tool("only", ["x": .number(3)])
        f.profile("base", ["a": 1])
        let card = try f.score()
        XCTAssertEqual(card.winner, "only")
        XCTAssertNil(card.runnerUp)
        XCTAssertNil(card.margin)
        // A single value is a zero range: it scores 10.
        XCTAssertEqual(card.tool("only").total!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.sensitivity?.winProbability["only"], 1)
        XCTAssertTrue(card.sensitivity!.flipPoints.allSatisfy { $0.flipsAt == nil })
    }

    func testEqualScoresTieBrokenByToolID() throws {
        var f = Fixture(criteria: [Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)])])
        for id in ["zeta", "alpha", "mid"] { f.tool(id, ["x": .number(7)]) }
        f.profile("base", ["a": 1])
        let card = try f.score()
        XCTAssertEqual(card.tools.map(\.tool), ["alpha", "mid", "zeta"])
        XCTAssertEqual(card.tools.map(\.rank), [1, 2, 3])
        XCTAssertEqual(card.margin, 0)
        XCTAssertTrue(card.tools.allSatisfy { $0.total == 10 })
    }

    func testGatesEliminateWithReasonAndDoNotStretchTheScale() throws {
        var f = Fixture(criteria: [Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)])])
        f.tool("p", ["x": .number(10), "hosting": .text("self-hosted")])
        f.tool("q", ["x": .number(20), "hosting": .text("both")])
        f.tool("r", ["x": .number(1000), "hosting": .text("saas")])
        f.tool("s", ["x": .number(15)])
        f.profile("strict", ["a": 1], gates: [Gate(fact: "hosting", allowed: ["self-hosted", "both"], reason: "data stays home")])
        let card = try f.score()
        XCTAssertEqual(card.tool("r").eliminated, "hosting is saas, not self-hosted or both: data stays home")
        XCTAssertEqual(card.tool("s").eliminated, "no hosting fact to show self-hosted or both: data stays home")
        XCTAssertNil(card.tool("r").rank)
        // The scale is 10…20 (p and q), not 10…1000: q scores 10, p 0; r is clamped to 10 but unranked.
        XCTAssertEqual(card.tool("q").total!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("p").total!, 0, accuracy: 1e-12)
        XCTAssertEqual(card.tool("r").indicator("x").score!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tools.map(\.tool), ["q", "p", "r", "s"])
    }

    func testNormalizations() {
        func raw(_ xs: [Double?]) -> [RawIndicator] {
            xs.map { $0.map { RawIndicator(number: $0, categories: [], display: "", spread: nil, evidence: []) } ?? .unknown("x") }
        }
        let all = [Bool](repeating: true, count: 4)
        // min-max lower: 10…30 → 10 scores 10, 20 scores 5, 30 scores 0.
        XCTAssertEqual(Normalizer.scores(raw([10, 20, 30, nil]), normalization: .minMax, direction: .lower, reference: all), [10, 5, 0, nil])
        // zero range: every known value 10.
        XCTAssertEqual(Normalizer.scores(raw([4, 4, nil, 4]), normalization: .minMax, direction: .higher, reference: all), [10, 10, nil, 10])
        // ratio-to-best lower: best 2 → 2/2, 2/4, 2/8 → 10, 5, 2.5.
        XCTAssertEqual(Normalizer.scores(raw([2, 4, 8, nil]), normalization: .ratioToBest, direction: .lower, reference: all), [10, 5, 2.5, nil])
        // ratio-to-best higher: best 8 → 2.5, 5, 10.
        XCTAssertEqual(Normalizer.scores(raw([2, 4, 8, nil]), normalization: .ratioToBest, direction: .higher, reference: all), [2.5, 5, 10, nil])
        // A best of 0 (lower): exactly-0 scores 10, anything else 0; negative values are unknown.
        XCTAssertEqual(Normalizer.scores(raw([0, 3, -1, 0]), normalization: .ratioToBest, direction: .lower, reference: all), [10, 0, nil, 10])
        // All zero (higher): all equal, all 10.
        XCTAssertEqual(Normalizer.scores(raw([0, 0, nil, nil]), normalization: .ratioToBest, direction: .higher, reference: all), [10, 10, nil, nil])
        // linear worst 2025 → best 2012, clamped: 2012 → 10, 2025 → 0, 2018.5 → 5, 2000 → 10.
        XCTAssertEqual(Normalizer.scores(raw([2012, 2025, 2018.5, 2000]), normalization: .linear(worst: 2025, best: 2012), direction: .lower, reference: all), [10, 0, 5, 10])
        // map: a list scores its best item; unlisted without a default is unknown.
        let cats = [["MIT"], ["GPL-3.0", "MIT"], ["WTFPL"], []].map { RawIndicator(number: nil, categories: $0, display: "", spread: nil, evidence: []) }
        XCTAssertEqual(Normalizer.scores(cats, normalization: .map(["MIT": 10, "GPL-3.0": 6], default: nil), direction: .higher, reference: all), [10, 10, nil, nil])
        XCTAssertEqual(Normalizer.scores(cats, normalization: .map(["MIT": 10], default: 2), direction: .higher, reference: all), [10, 10, 2, nil])
    }

    func testFlagsMapAsTrueFalse() throws {
        var f = Fixture(criteria: [Fixture.criterion("s", [Fixture.indicator("cs", .fact(key: "commercial_support"), .map(["true": 10, "false": 3], default: nil))])])
        f.tool("p", ["commercial_support": .flag(true)])
        f.tool("q", ["commercial_support": .flag(false)])
        f.profile("base", ["s": 1])
        let card = try f.score()
        XCTAssertEqual(card.tool("p").total, 10)
        XCTAssertEqual(card.tool("q").total, 3)
    }

    func testErrors() throws {
        let project = Fixture.threeTools().project
        XCTAssertThrowsError(try Scorer.score(project: project, history: .empty, options: ScoringOptions(profile: "bsae"))) { error in
            XCTAssertEqual(error as? ScoringError, .unknownProfile("bsae", known: ["base"]))
            XCTAssertTrue("\(error)".contains("did you mean 'base'?"), "\(error)")
        }
        XCTAssertThrowsError(try Scorer.score(project: project, history: .empty, options: ScoringOptions(weightOverrides: ["c": 1]))) { error in
            XCTAssertEqual(error as? ScoringError, .unknownCriterion("c", known: ["a", "b"]))
        }
        XCTAssertThrowsError(try Scorer.score(project: project, history: .empty, options: ScoringOptions(weightOverrides: ["a": -1]))) { error in
            XCTAssertEqual(error as? ScoringError, .invalidWeight(criterion: "a", value: -1))
        }
        XCTAssertThrowsError(try Scorer.score(project: project, history: .empty, options: ScoringOptions(weightOverrides: ["a": 0, "b": 0]))) { error in
            XCTAssertEqual(error as? ScoringError, .allWeightsZero(profile: "base"))
            XCTAssertTrue("\(error)".contains("positive weight"))
        }
    }

    func testIntegrationsCountOnlyOtherStagesCandidates() throws {
        var f = Fixture(criteria: [Fixture.criterion("i", [Fixture.indicator("n", .integrationCount, .minMax)])])
        f.tool("p", ["integrations": .list(["q", "dvc", "mlflow", "unknown-tool"])])
        f.tool("q", ["integrations": .list(["dvc"])])
        f.tool("r", [:])
        f.otherStages = [Stage(id: "other", order: 2, title: "", question: "", candidates: ["dvc", "mlflow"].map { Tool(id: $0, name: $0, homepage: "", summary: "", facts: []) })]
        f.profile("base", ["i": 1])
        let card = try f.score()
        // p: dvc, mlflow (q is the same stage, unknown-tool is nobody) = 2; q: 1; r: unknown.
        XCTAssertEqual(card.tool("p").indicator("n").raw, 2)
        XCTAssertEqual(card.tool("q").indicator("n").raw, 1)
        XCTAssertEqual(card.tool("p").total, 10)
        XCTAssertEqual(card.tool("q").total, 0)
        XCTAssertNil(card.tool("r").indicator("n").raw)
        XCTAssertNotNil(card.tool("r").insufficientEvidence)
    }
}
