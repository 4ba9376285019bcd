import BakeoffModel
import ScoringFixture
import XCTest

@testable import BakeoffScoring

/// The rules that make a verdict survive questions: unknowns never help, noise is a tie, coverage counts,
/// integrations count both ways, equal totals are no winner, and a criterion that separates nobody says so.
final class VerdictRulesTests: XCTestCase {
    func testAnUnknownCountsAtTheWorstKnownScoreAndMakesTheVerdictProvisional() throws {
        var f = Fixture.twoFacts()
        f.tool("known", ["x": .number(6), "y": .number(6)])
        f.tool("weak", ["x": .number(2), "y": .number(4)])
        f.tool("gap", ["x": .number(9)])  // y unknown
        let card = try f.score(ScoringOptions(samples: 0))
        // gap's y counts at the worst known y (4): total (9 + 4) / 2 = 6.5 > known's 6; left out it would be 9.
        XCTAssertEqual(card.tool("gap").total!, 6.5, accuracy: 1e-12)
        XCTAssertEqual(card.tool("gap").indicator("y").countedAs, 4)
        XCTAssertEqual(card.tool("gap").indicator("y").couldReach, 6)
        XCTAssertEqual(card.winner, "gap")
        XCTAssertNil(card.provisional, "the winner's own unknowns cannot cost it the lead once known")

        // Now the unknown is the runner-up's: at the worst known y it loses, at the best it would win.
        let h = try Fixture.provisional().score(ScoringOptions(samples: 0))
        // gap: (8 + 2) / 2 = 5 < known 6; with y at 6: (8 + 6) / 2 = 7 > 6.
        XCTAssertEqual(h.winner, "known")
        XCTAssertEqual(h.provisional?.challenger, "gap")
        XCTAssertEqual(h.provisional?.deciding, ["y"])
        XCTAssertEqual(h.provisional!.challengerBest, 7, accuracy: 1e-12)
        XCTAssertTrue(h.provisional!.next.contains("source GAP's y"), h.provisional!.next)
    }

    func testEqualTotalsAreNoClearWinner() throws {
        let card = try Fixture.tied().score(ScoringOptions(samples: 0))
        XCTAssertEqual(card.tiedWithWinner, ["q"])
    }

    func testACriterionOnWhichEveryoneScoresTheSameDecidesNothing() throws {
        let card = try Fixture.undecisive().score(ScoringOptions(samples: 0))
        XCTAssertEqual(card.undecisiveCriteria, ["a"])
    }

    func measured() -> Fixture {
        var f = Fixture(criteria: [
            Fixture.criterion("speed", [Fixture.indicator("t", .step(id: "run", measure: .wall), .ratioToBest, direction: .lower, unit: "s")])
        ])
        f.steps = ["run"]
        f.profile("base", ["speed": 1])
        return f
    }

    func testADifferenceInsideTheNoiseIsATie() throws {
        var f = measured()
        f.tool("p", [:])
        f.tool("q", [:])
        f.tool("r", [:])
        // Warm repetitions: p 1.0–1.2 (median 1.1), q 1.1–1.5 (median 1.3, overlaps p), r 3.0–3.2 (apart).
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [
            Runs.obs("p", "run", rep: 1, wall: 2), Runs.obs("p", "run", rep: 2, wall: 1.0), Runs.obs("p", "run", rep: 3, wall: 1.2),
            Runs.obs("q", "run", rep: 1, wall: 2), Runs.obs("q", "run", rep: 2, wall: 1.1), Runs.obs("q", "run", rep: 3, wall: 1.5),
            Runs.obs("r", "run", rep: 1, wall: 4), Runs.obs("r", "run", rep: 2, wall: 3.0), Runs.obs("r", "run", rep: 3, wall: 3.2),
        ])
        let card = try f.score(ScoringOptions(samples: 1000), runs: [run])
        // p and q tie at their mean (1.2): both 10; r: 1.2 / 3.1 × 10.
        XCTAssertEqual(card.tool("p").indicator("t").score!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("t").score!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("r").indicator("t").score!, 1.2 / 3.1 * 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("p").indicator("t").tiedWith, ["q"])
        // The raw medians stay as measured.
        XCTAssertEqual(card.tool("q").indicator("t").raw!, 1.3, accuracy: 1e-12)
        // The Monte Carlo samples the repetitions too, so q wins some draws although its median is slower.
        XCTAssertGreaterThan(card.sensitivity!.measurementDraws, 0)
        XCTAssertGreaterThan(card.sensitivity!.winProbability["q"]!, 0)
        // Without the Monte Carlo no draw is made, and the scores are the same.
        let plain = try f.score(ScoringOptions(samples: 0), runs: [run])
        XCTAssertEqual(plain.sensitivity!.measurementDraws, 0)
        XCTAssertEqual(plain.tools.map(\.total), card.tools.map(\.total))
    }

    func testAStepsOwnIntervalIsShownAndMakesATie() throws {
        var f = Fixture(criteria: [
            Fixture.criterion("quality", [Fixture.indicator("r", .step(id: "run", measure: .metric("recall")), .linear(worst: 0, best: 1))])
        ])
        f.steps = ["run"]
        f.profile("base", ["quality": 1])
        f.tool("p", [:])
        f.tool("q", [:])
        func obs(_ tool: String, _ recall: Double, _ lo: Double, _ hi: Double) -> Observation {
            var o = Runs.obs(tool, "run", rep: 1, wall: 1)
            o.metrics = ["recall": recall, "recall_lo": lo, "recall_hi": hi]
            return o
        }
        // p 0.9 [0.74–0.97] and q 0.75 [0.6–0.86] overlap: a tie at their mean, 0.825 → 8.25 each.
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [obs("p", 0.9, 0.74, 0.97), obs("q", 0.75, 0.6, 0.86)])
        let card = try f.score(ScoringOptions(samples: 0), runs: [run])
        XCTAssertEqual(card.tool("p").indicator("r").display, "0.9 (n=1, interval 0.74–0.97)")
        XCTAssertEqual(card.tool("p").indicator("r").score!, 8.25, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("r").score!, 8.25, accuracy: 1e-12)
    }

    func testANegativeDurationIsNeverScored() throws {
        var f = Fixture(criteria: [
            Fixture.criterion("speed", [Fixture.indicator("o", .step(id: "run", measure: .metric("overhead_s")), .minMax, direction: .lower, unit: "s")])
        ])
        f.steps = ["run"]
        f.profile("base", ["speed": 1])
        f.tool("p", [:])
        f.tool("q", [:])
        var negative = Runs.obs("p", "run", rep: 1, wall: 1)
        negative.metrics = ["overhead_s": -0.032]
        var positive = Runs.obs("q", "run", rep: 1, wall: 1)
        positive.metrics = ["overhead_s": 0.4]
        let card = try f.score(ScoringOptions(samples: 0), runs: [Runs.run("r1", at: "2026-11-01T00:00:00Z", [negative, positive])])
        XCTAssertNil(card.tool("p").indicator("o").score)
        XCTAssertTrue(card.tool("p").indicator("o").display.contains("negative"), card.tool("p").indicator("o").display)
    }

    func testIntegrationsCountBothWaysAndOnlyAcrossStages() throws {
        var f = Fixture(criteria: [Fixture.criterion("interop", [Fixture.indicator("i", .integrationCount, .minMax)])])
        f.profile("base", ["interop": 1])
        f.tool("silent", [:])  // lists nobody, but two tools of another stage list it
        f.tool("lister", ["integrations": .list(["o1", "silent"])])  // "silent" is in its own stage: not counted
        f.tool("none", ["integrations": .list([])])  // a sourced "none"
        f.tool("unknown", [:])
        f.otherStages = [
            Stage(id: "other", order: 2, title: "Other", question: "", candidates: [
                Tool(id: "o1", name: "O1", homepage: "", summary: "", facts: [Fixture.fact("integrations", .list(["silent"]))]),
                Tool(id: "o2", name: "O2", homepage: "", summary: "", facts: [Fixture.fact("integrations", .list(["silent", "none"]))]),
            ])
        ]
        let card = try f.score(ScoringOptions(samples: 0))
        XCTAssertEqual(card.tool("silent").indicator("i").raw, 2)
        XCTAssertEqual(card.tool("lister").indicator("i").raw, 1)
        XCTAssertEqual(card.tool("none").indicator("i").raw, 1)  // o2 lists it
        XCTAssertNil(card.tool("unknown").indicator("i").raw)
        XCTAssertEqual(card.tool("unknown").indicator("i").countedAs, 0)  // the worst known
    }

    func testAStepGateEliminatesAToolThatCouldNotDoTheStep() throws {
        var f = Fixture(criteria: [Fixture.criterion("perf", [Fixture.indicator("cap", .capability, .linear(worst: 0, best: 1))])])
        f.steps = ["log", "register"]
        f.profile("base", ["perf": 1], gates: [Gate(fact: "", allowed: [], reason: "we need a registry", step: "register")])
        f.tool("full", [:])
        f.tool("noregistry", [:])
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [
            Runs.obs("full", "log", rep: 1, wall: 1), Runs.obs("full", "register", rep: 1, wall: 1),
            Runs.obs("noregistry", "log", rep: 1, wall: 1), Runs.obs("noregistry", "register", rep: 1, wall: nil, status: .unsupported),
        ])
        let card = try f.score(ScoringOptions(samples: 0), runs: [run])
        XCTAssertEqual(card.winner, "full")
        XCTAssertEqual(
            card.tool("noregistry").eliminated, "could not do the must-have step register (unsupported): we need a registry")
    }

    func testAWinnerMayHaveFewerStepsDoneThanTheRunnerUp() throws {
        let (f, run) = Fixture.fewerStepsDone()
        let card = try f.score(ScoringOptions(samples: 0), runs: [run])
        XCTAssertEqual(card.winner, "cheap")
        XCTAssertEqual(card.tool("cheap").coverage.map { [$0.done, $0.total] }, [1, 2])
        XCTAssertEqual(card.tool("complete").coverage.map { [$0.done, $0.total] }, [2, 2])
    }
}
