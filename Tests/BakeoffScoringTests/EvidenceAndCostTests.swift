import BakeoffBench
import BakeoffModel
import ScoringFixture
import XCTest

@testable import BakeoffScoring

final class EvidenceAndCostTests: XCTestCase {
    func costFixture() -> Fixture {
        var f = Fixture(criteria: [Fixture.criterion("cost", [Fixture.indicator("tco", .totalCostOfOwnership, .minMax, direction: .lower, unit: "USD")])])
        f.profile("base", ["cost": 1])
        return f
    }

    func testTotalCostOfOwnershipFollowsTheDeployment() throws {
        var f = costFixture()
        // Startup inputs: 8 seats, $75/h, $60/month server, 4 ops h/month, 36 months.
        f.tool("seats", ["pricing.model": .text("per-seat"), "pricing.seat_usd_month": .number(20), "hosting": .text("saas")])
        f.tool("selfhost", ["pricing.model": .text("free"), "hosting": .text("self-hosted")])
        f.tool("lib", ["pricing.model": .text("free"), "hosting": .text("self-hosted")], deployment: Deployment(kind: .library))
        f.tool("light", ["pricing.model": .text("free")], deployment: Deployment(kind: .service, opsHoursPerMonth: 1))
        f.tool("paidself", ["pricing.model": .text("free-and-paid"), "pricing.self_hosted": .text("paid")], deployment: Deployment(kind: .service))
        f.tool("noprice", ["pricing.model": .text("per-seat"), "hosting": .text("saas")])
        f.tool("nohosting", ["pricing.model": .text("free")])
        let card = try f.score()
        // seats: 8 × $20 × 36 = 5,760.
        let seats = card.tool("seats").cost!
        XCTAssertEqual(seats.totalUSD, 5760)
        XCTAssertEqual(seats.lines.map(\.formula), ["8 seats × $20/seat-month × 36 months"])
        XCTAssertEqual(card.tool("seats").indicator("tco").display, "$5,760")
        // self-hosted service: server 60 × 36 = 2,160; operations 4 × 75 × 36 = 10,800; total 12,960; 4/160 of an engineer.
        let selfhost = card.tool("selfhost").cost!
        XCTAssertEqual(selfhost.lines.map(\.amountUSD), [0, 2160, 10800])
        XCTAssertEqual(selfhost.totalUSD, 12960)
        XCTAssertEqual(selfhost.engineerShare, 0.025, accuracy: 1e-12)
        XCTAssertEqual(selfhost.deployment, "self-hosted service")
        // a library: no server, no operations hours, $0.
        XCTAssertEqual(card.tool("lib").cost!.totalUSD, 0)
        XCTAssertEqual(card.tool("lib").cost!.opsHoursPerMonth, 0)
        // a service with the team's own 1 h/month: 2,160 + 1 × 75 × 36 = 2,700 = 4,860.
        XCTAssertEqual(card.tool("light").cost!.totalUSD, 4860)
        XCTAssertTrue(card.tool("light").cost!.lines[2].formula.contains("team assumption"))
        // Unknown, never zero: a paid self-hosted edition without a price, a SaaS without one, no plan at all.
        for id in ["paidself", "noprice", "nohosting"] {
            XCTAssertNil(card.tool(id).cost, id)
            XCTAssertNil(card.tool(id).indicator("tco").score, id)
            XCTAssertNotNil(card.tool(id).insufficientEvidence, id)
        }
        // min-max lower over 0…12,960: lib 10, seats (12960 − 5760)/12960·10, light (12960 − 4860)/12960·10, selfhost 0.
        XCTAssertEqual(card.tool("lib").total!, 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("seats").total!, 7200.0 / 12960 * 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("light").total!, 8100.0 / 12960 * 10, accuracy: 1e-12)
        XCTAssertEqual(card.tool("selfhost").total!, 0, accuracy: 1e-12)
        XCTAssertTrue(card.tool("seats").indicator("tco").evidence.contains(.costModel))
    }

    func testASaaSWithoutAPriceUsesTheTeamsAssumptionLabelled() throws {
        var f = costFixture()
        f.tool("cloud", ["pricing.model": .text("free-and-paid"), "hosting": .text("saas")])
        var project = f.project
        project.team.assumedSeatPrices = ["cloud": 50]
        let card = try Scorer.score(project: project, history: .empty, options: ScoringOptions(samples: 0)).stages[0]
        // 8 seats × $50 × 36 = 14,400, said to be the team's assumption.
        XCTAssertEqual(card.tool("cloud").cost!.totalUSD, 14400)
        XCTAssertTrue(card.tool("cloud").cost!.lines[0].formula.contains("team assumption"))
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

    func testMeasurementsComeFromOneRunPerToolAndStepsNotDoneCountAgainst() throws {
        let old = Runs.run("r1", at: "2026-11-01T00:00:00Z", [
            Runs.obs("p", "log", rep: 1, wall: 100), Runs.obs("p", "log", rep: 2, wall: 100),
            Runs.obs("q", "log", rep: 1, wall: 8), Runs.obs("q", "log", rep: 2, wall: 8),
        ])
        // Both runs are partial for both tools, so the newest is used, alone (no falling back per step).
        // p: cold 5, warm 1, 3, 2 (and a failed 0.1 that must not count) → median 2, MAD 1.
        // q: timed out on log → not done, scores 0 (never unknown); capability 1 of 3.
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
        XCTAssertEqual(p.score!, 10, accuracy: 1e-12)
        let q = card.tool("q").indicator("log")
        XCTAssertNil(q.raw)
        XCTAssertEqual(q.notDone, "timeout")
        XCTAssertEqual(q.score, 0)
        XCTAssertTrue(q.display.hasPrefix("not done (timeout"), q.display)
        // capability counts a step when every observation of it in the run is ok: p's log failed once → 2 of 3.
        XCTAssertEqual(card.tool("p").indicator("cap").score!, 20.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("cap").score!, 10.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(card.tool("q").indicator("cap").display, "1 of 3 steps done")
        XCTAssertEqual(card.tool("q").coverage, Coverage(done: 1, total: 3, notDone: ["log": "timeout", "query": "not run"]))
        // Never run, in a stage whose measured criteria carry weight: not measured, cannot win.
        XCTAssertTrue(card.tool("never").notMeasured)
        XCTAssertNil(card.tool("never").rank)
        XCTAssertEqual(card.notMeasured, ["never"])
        // Both runs are partial: the set says so.
        XCTAssertTrue(card.evidenceWarnings.contains { $0.hasPrefix("p has no complete run") }, "\(card.evidenceWarnings)")
    }

    func testACompleteRunIsNotReplacedByANewerPartialOneUnlessPinned() throws {
        let steps = ["setup", "log", "query"]
        let complete = Runs.run("r1", at: "2026-11-01T00:00:00Z", Runs.all("p", steps, wall: 2) + Runs.all("q", steps, wall: 4))
        // A newer interrupted one-repetition run of p only, much faster.
        let interrupted = Runs.run(
            "r2", at: "2026-11-20T00:00:00Z", Runs.all("p", steps, reps: 1, wall: 0.5), status: .interrupted, repetitions: 1)
        let card = try measuredFixture().score(runs: [interrupted, complete])
        XCTAssertEqual(card.tool("p").evidenceRun, "r1")
        XCTAssertEqual(card.tool("p").indicator("log").raw, 2)
        XCTAssertTrue(card.evidenceWarnings.isEmpty, "\(card.evidenceWarnings)")
        // Pinned, the interrupted run is used, and the mixed repetition counts are warned about.
        let pinned = try measuredFixture().score(ScoringOptions(samples: 0, pins: ["r2"]), runs: [interrupted, complete])
        XCTAssertEqual(pinned.tool("p").evidenceRun, "r2")
        XCTAssertEqual(pinned.tool("p").indicator("log").raw, 0.5)
        XCTAssertTrue(pinned.evidenceWarnings.contains { $0.contains("different repetition counts") }, "\(pinned.evidenceWarnings)")
    }

    func testTheEvaluationReadsOnlyTheRunsItSelectsAndScoresAsWithEveryRunHeld() throws {
        let steps = ["setup", "log", "query"]
        let older = Runs.run("r0", at: "2026-10-01T00:00:00Z", Runs.all("p", steps, wall: 9) + Runs.all("q", steps, wall: 9))
        let complete = Runs.run("r1", at: "2026-11-01T00:00:00Z", Runs.all("p", steps, wall: 2) + Runs.all("q", steps, wall: 4))
        let interrupted = Runs.run(
            "r2", at: "2026-11-20T00:00:00Z", Runs.all("p", steps, reps: 1, wall: 0.5), status: .interrupted, repetitions: 1)
        let project = measuredFixture().project
        let all = RunHistory([older, complete, interrupted])
        for pins in [[], ["r2"], ["r0"]] {
            let read = Evaluation.runIDs(project: project, history: RunHistory(summaries: all.summaries), pins: pins)
            XCTAssertEqual(read, pins == ["r2"] ? ["r1", "r2"] : pins == ["r0"] ? ["r0"] : ["r1"], "pins \(pins)")
            let partial = all.holding([older, complete, interrupted].filter { read.contains($0.id) })
            let options = ScoringOptions(samples: 500, pins: pins)
            let held = try Evaluation.make(project: project, history: all, options: options)
            let loaded = try Evaluation.make(project: project, history: partial, options: options)
            XCTAssertEqual(loaded.scoreboard, held.scoreboard, "pins \(pins)")
            XCTAssertEqual(loaded.stack, held.stack, "pins \(pins)")
            XCTAssertEqual(loaded.scoreboard.stages[0].evidenceWarnings, held.scoreboard.stages[0].evidenceWarnings)
        }
        // The passed-over runs are named from the summaries alone.
        let set = EvidenceSet.selection(project: project, history: RunHistory(summaries: all.summaries))
        XCTAssertEqual(set.selection(stage: "stage", tool: "p")?.passedOver, ["r2 (a run that ended interrupted)"])
        XCTAssertEqual(set.observations(stage: "stage"), [], "a selection from summaries holds no observations")
    }

    /// With `--pin`, the evaluation reads only the pinned run, and every other profile is scored on the same
    /// evidence (pinned too), never on a run that was only summarized.
    func testOtherProfilesAreScoredOnThePinnedRunsAlone() throws {
        var (project, runs) = SyntheticProject.make(stages: 2, tools: 3, indicators: 10, seed: 5)
        var pinned = runs[0]
        pinned.id = "run-0"
        pinned.startedAt = "2026-11-01T00:00:00Z"
        for i in pinned.observations.indices {
            pinned.observations[i].runID = pinned.id
            pinned.observations[i].wallSeconds = (pinned.observations[i].wallSeconds ?? 1) * Double(1 + i % 3)
        }
        var other = project.profiles[0]
        other.id = "other"
        other.weights["performance"] = 60
        other.gates = [Gate(fact: "license", allowed: ["Apache-2.0", "MIT"], reason: "permissive licence only")]
        project.profiles.append(other)
        let all = RunHistory(runs + [pinned])
        let read = Evaluation.runIDs(project: project, history: all, pins: ["run-0"])
        XCTAssertEqual(read, ["run-0"])
        let options = ScoringOptions(samples: 0, pins: ["run-0"])
        let loaded = try Evaluation.make(
            project: project, history: all.holding((runs + [pinned]).filter { read.contains($0.id) }), options: options,
            withProfiles: true)
        let held = try Evaluation.make(project: project, history: all, options: options, withProfiles: true)
        XCTAssertEqual(loaded.profiles, held.profiles, "the same as with every run held in full")
        XCTAssertEqual(loaded.profiles?.boards.count, 2, "the other profile is scored again")
    }

    func testAPinnedRunThatWasNeverRecordedIsAnError() throws {
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", Runs.all("p", ["setup", "log", "query"]))
        XCTAssertThrowsError(try measuredFixture().score(ScoringOptions(samples: 0, pins: ["r2"]), runs: [run])) { error in
            XCTAssertEqual(error as? ScoringError, .unknownPinnedRun("r2", known: ["r1"]))
        }
    }

    func testRunsFromDifferentMachinesAreWarnedAbout() throws {
        let steps = ["setup", "log", "query"]
        let a = Runs.run("r1", at: "2026-11-01T00:00:00Z", Runs.all("p", steps), machine: "cpu A")
        let b = Runs.run("r2", at: "2026-11-02T00:00:00Z", Runs.all("q", steps), machine: "cpu B")
        let card = try measuredFixture().score(runs: [a, b])
        XCTAssertTrue(card.evidenceWarnings.contains { $0.contains("2 different machines") }, "\(card.evidenceWarnings)")
    }

    func testColdOnlyMeasurementAndStepIndicatorsOnlyWhereTheScenarioHasTheStep() throws {
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [Runs.obs("p", "log", rep: 1, wall: 4), Runs.obs("q", "log", rep: 1, wall: 4)])
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

final class StackCostTests: XCTestCase {
    func testAStacksCostIsItsMembersCostsWithTheUnknownOnesNamed() throws {
        let board = try Scorer.score(project: Fixture.threeDeployments().project, history: .empty, options: ScoringOptions(samples: 0))
        // server: 2,160 + 10,800 = 12,960 and 4 h/month; lib: 0; cloud: unknown (no seat price).
        let cost = StackCost.of([("stage", "server"), ("stage", "lib"), ("stage", "cloud")], scoreboard: board)
        XCTAssertEqual(cost.totalUSD, 12960)
        XCTAssertEqual(cost.unknown, ["CLOUD"])
        XCTAssertEqual(cost.opsHoursPerMonth, 4)
        XCTAssertEqual(cost.engineerShare, 0.025, accuracy: 1e-12)
    }
}
