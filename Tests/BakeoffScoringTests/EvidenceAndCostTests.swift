import BakeoffModel
import XCTest

@testable import BakeoffScoring

final class EvidenceAndCostTests: XCTestCase {
    func costFixture() -> Fixture {
        var f = Fixture(criteria: [Fixture.criterion("cost", [Fixture.indicator("tco", .totalCostOfOwnership, .minMax, direction: .lower, unit: "USD")])])
        f.profile("base", ["cost": 1])
        return f
    }

    func testTotalCostOfOwnershipShowsEveryInput() throws {
        var f = costFixture()
        // Startup inputs: 8 seats, $75/h, $60/month server, 4 ops h/month, 36 months.
        f.tool("seats", ["pricing.model": .text("per-seat"), "pricing.seat_usd_month": .number(20), "hosting": .text("saas")])
        f.tool("selfhost", ["pricing.model": .text("free"), "hosting": .text("self-hosted")])
        f.tool("both", ["pricing.model": .text("per-seat"), "pricing.seat_usd_month": .number(10), "hosting": .text("both")])
        f.tool("freemium", ["pricing.model": .text("free-and-paid"), "hosting": .text("both")])
        f.tool("noprice", ["pricing.model": .text("per-seat"), "hosting": .text("saas")])
        f.tool("usage", ["pricing.model": .text("usage"), "hosting": .text("saas")])
        f.tool("nohosting", ["pricing.model": .text("free")])
        let card = try f.score()
        // seats: 8 × $20 × 36 = 5,760.
        let seats = card.tool("seats").cost!
        XCTAssertEqual(seats.totalUSD, 5760)
        XCTAssertEqual(seats.lines.map(\.formula), ["8 seats × $20/seat-month × 36 months"])
        XCTAssertEqual(card.tool("seats").indicator("tco").display, "$5,760")
        // self-hosted free: server 60 × 36 = 2,160; operations 4 × 75 × 36 = 10,800; total 12,960.
        let selfhost = card.tool("selfhost").cost!
        XCTAssertEqual(selfhost.lines.map(\.amountUSD), [0, 2160, 10800])
        XCTAssertEqual(selfhost.lines.map(\.formula), ["free (pricing.model: free)", "$60/month × 36 months", "4 h/month × $75/h × 36 months"])
        XCTAssertEqual(selfhost.totalUSD, 12960)
        // both + per-seat: 8 × 10 × 36 = 2,880 + 2,160 + 10,800 = 15,840.
        XCTAssertEqual(card.tool("both").cost!.totalUSD, 15840)
        // free-and-paid that can be self-hosted: the free edition, plus hosting.
        XCTAssertEqual(card.tool("freemium").cost!.totalUSD, 12960)
        // Unknown, never zero.
        for id in ["noprice", "usage", "nohosting"] {
            XCTAssertNil(card.tool(id).cost, id)
            XCTAssertNil(card.tool(id).indicator("tco").score, id)
            XCTAssertNotNil(card.tool(id).insufficientEvidence, id)
        }
        // min-max lower over 5,760…15,840: seats 10, selfhost (15840 − 12960)/10080·10 = 2.857…, both 0.
        XCTAssertEqual(card.tool("seats").total!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("selfhost").total!, 2880.0 / 10080 * 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("both").total!, 0, accuracy: 1e-12)
        XCTAssertTrue(card.tool("seats").indicator("tco").evidence.contains(.costModel))
    }

    func testDollars() {
        XCTAssertEqual(CostCalculator.dollars(0), "$0")
        XCTAssertEqual(CostCalculator.dollars(999), "$999")
        XCTAssertEqual(CostCalculator.dollars(1234567.5), "$1,234,567.5")
        XCTAssertEqual(CostCalculator.dollars(-1000), "-$1,000")
    }

    func measuredFixture() -> Fixture {
        var f = Fixture(criteria: [
            Fixture.criterion("speed", [Fixture.indicator("log", .step(id: "log", measure: .wall), .ratioToBest, direction: .lower, unit: "s")]),
            Fixture.criterion("perf", [Fixture.indicator("cap", .capability, .linear(worst: 0, best: 1))]),
        ])
        f.steps = ["setup", "log", "query"]
        f.tool("p", [:])
        f.tool("q", [:])
        f.tool("never", [:])
        f.profile("base", ["speed": 1, "perf": 1])
        return f
    }

    func testMeasurementsUseTheLatestRunThatMeasuredTheStepWarmMedian() throws {
        let old = Runs.run("r1", at: "2026-11-01T00:00:00Z", [
            Runs.obs("p", "log", rep: 1, wall: 100), Runs.obs("p", "log", rep: 2, wall: 100),
            Runs.obs("q", "log", rep: 1, wall: 8), Runs.obs("q", "log", rep: 2, wall: 8),
            Runs.obs("q", "setup", rep: 1, wall: 1), Runs.obs("q", "query", rep: 1, wall: 1),
        ])
        // p's newest run: cold 5, warm 1, 3, 2 (and a failed 0.1 that must not count) → median 2, MAD 1.
        // q's newest run failed the step: its measurement falls back to r1 (8), its capability is r2's: 1 of 3.
        let new = Runs.run("r2", at: "2026-11-20T00:00:00Z", [
            Runs.obs("p", "setup", rep: 1, wall: 1), Runs.obs("p", "query", rep: 1, wall: 1),
            Runs.obs("p", "log", rep: 1, wall: 5), Runs.obs("p", "log", rep: 2, wall: 1), Runs.obs("p", "log", rep: 3, wall: 3),
            Runs.obs("p", "log", rep: 4, wall: 2), Runs.obs("p", "log", rep: 5, wall: 0.1, status: .failed),
            Runs.obs("q", "setup", rep: 1, wall: 1), Runs.obs("q", "log", rep: 1, wall: nil, status: .timeout),
        ])
        let card = try measuredFixture().score(runs: [new, old])
        let p = card.tool("p").indicator("log")
        XCTAssertEqual(p.raw, 2)
        XCTAssertEqual(p.spread, Spread(n: 3, min: 1, max: 3, mad: 1, cold: 5, wide: true))
        XCTAssertEqual(p.evidence, [.observations(stage: "stage", tool: "p", step: "log", runs: ["r2"])])
        let q = card.tool("q").indicator("log")
        XCTAssertEqual(q.raw, 8)
        XCTAssertEqual(q.evidence, [.observations(stage: "stage", tool: "q", step: "log", runs: ["r1"])])
        // ratio-to-best lower: p 10, q 2/8·10 = 2.5.
        XCTAssertEqual(p.score!, 10, accuracy: 1e-12)
        XCTAssertEqual(q.score!, 2.5, accuracy: 1e-12)
        // capability counts a step when every observation of it in the latest run is ok: p's log failed once,
        // so p has 2/3 → 6.67; q 1/3 → 3.33; never ran → unknown.
        XCTAssertEqual(card.tool("p").indicator("cap").score!, 20.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("cap").score!, 10.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("cap").display, "1/3 steps ok")
        XCTAssertNil(card.tool("never").indicator("cap").score)
        XCTAssertNotNil(card.tool("never").insufficientEvidence)
    }

    func testColdOnlyMeasurementAndStepIndicatorsOnlyWhereTheScenarioHasTheStep() throws {
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [Runs.obs("p", "log", rep: 1, wall: 4)])
        let card = try measuredFixture().score(runs: [run])
        XCTAssertEqual(card.tool("p").indicator("log").raw, 4)
        XCTAssertEqual(card.tool("p").indicator("log").spread?.n, 1)
        XCTAssertEqual(card.tool("p").indicator("log").spread?.cold, 4)

        var f = measuredFixture()
        f.steps = ["setup"]
        let other = try f.score(runs: [run])
        XCTAssertFalse(other.tool("p").indicators.contains { $0.indicator == "log" })
        XCTAssertEqual(other.tool("p").criterion("speed").total, 0)
        XCTAssertNil(other.tool("p").criterion("speed").score)
    }
}
