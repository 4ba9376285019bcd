import BakeoffModel
import BakeoffScoring

/// Small in-memory projects for the scoring tests and the tests of what is rendered from a scoreboard: one stage,
/// facts as given, criteria as given.
public struct Fixture {
    public static let day = Day(year: 2026, month: 11, day: 1)

    public var criteria: [Criterion]
    public var tools: [Tool] = []
    public var profiles: [Profile] = []
    public var company: CompanyKind = .startup
    public var steps: [String] = []
    public var otherStages: [Stage] = []

    public init(criteria: [Criterion]) { self.criteria = criteria }

    public static func fact(_ key: String, _ value: FactValue) -> Fact {
        Fact(key: key, value: value, source: "https://example.org/\(key)", asOf: day)
    }

    public static func indicator(
        _ id: String, _ source: IndicatorSource, _ normalization: Normalization, direction: Direction = .higher,
        weight: Double = 1, unit: String = ""
    ) -> Indicator {
        Indicator(id: id, title: id, description: "", unit: unit, direction: direction, source: source, normalization: normalization, weight: weight)
    }

    public static func criterion(_ id: String, _ indicators: [Indicator]) -> Criterion {
        Criterion(id: id, title: id, description: "", indicators: indicators)
    }

    public mutating func tool(_ id: String, _ facts: [String: FactValue], deployment: Deployment? = nil) {
        var tool = Tool(id: id, name: id.uppercased(), homepage: "", summary: "", facts: facts.keys.sorted().map { Fixture.fact($0, facts[$0]!) })
        tool.deployment = deployment
        tools.append(tool)
    }

    public mutating func profile(_ id: String, _ weights: [String: Double], gates: [Gate] = []) {
        profiles.append(Profile(id: id, title: id, description: "", weights: weights, rationale: [:], gates: gates))
    }

    /// Three tools p, q, r, weighted 1:3 by the profile `base`. Criterion A: x (min-max, higher). Criterion B: y
    /// (linear 0 → 100) and lic (map), equal indicator weights (`ScorerTests.testHandComputedTotals` works out the
    /// totals by hand).
    public static func threeTools() -> Fixture {
        var f = Fixture(criteria: [
            Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .minMax)]),
            Fixture.criterion("b", [
                Fixture.indicator("y", .fact(key: "y"), .linear(worst: 0, best: 100)),
                Fixture.indicator("lic", .fact(key: "license"), .map(["MIT": 10, "GPL-3.0": 6], default: nil)),
            ]),
        ])
        f.tool("p", ["x": .number(10), "y": .number(50), "license": .text("MIT")])
        f.tool("q", ["x": .number(20), "y": .number(100), "license": .text("GPL-3.0")])
        f.tool("r", ["x": .number(30), "y": .number(0)])
        f.profile("base", ["a": 1, "b": 3])
        return f
    }

    /// One free self-hosted service, one free library and one SaaS without a seat price (its cost unknown), on
    /// the cost criterion alone.
    public static func threeDeployments() -> Fixture {
        var f = Fixture(criteria: [
            Fixture.criterion("cost", [Fixture.indicator("tco", .totalCostOfOwnership, .minMax, direction: .lower, unit: "USD")])
        ])
        f.profile("base", ["cost": 1])
        f.tool("server", ["pricing.model": .text("free")], deployment: Deployment(kind: .service))
        f.tool("lib", ["pricing.model": .text("free")], deployment: Deployment(kind: .library))
        f.tool("cloud", ["pricing.model": .text("per-seat")], deployment: Deployment(kind: .saas))
        return f
    }

    /// `threeTools` scored under `base` (a 25 %, b 75 %; q wins) and under `speedy` (a 75 %, b 25 %; r wins), with
    /// no Monte Carlo.
    public static func threeToolsUnderTwoProfiles() throws -> (base: Scoreboard, speedy: Scoreboard) {
        var f = threeTools()
        f.profile("speedy", ["a": 3, "b": 1])
        return (
            try Scorer.score(project: f.project, history: .empty, options: ScoringOptions(samples: 0)),
            try Scorer.score(project: f.project, history: .empty, options: ScoringOptions(profile: "speedy", samples: 0))
        )
    }

    /// Criteria a (fact x) and b (fact y), each linear 0 → 10, weighted equally by the profile `base`; no tools.
    public static func twoFacts() -> Fixture {
        var f = Fixture(criteria: [
            Fixture.criterion("a", [Fixture.indicator("x", .fact(key: "x"), .linear(worst: 0, best: 10))]),
            Fixture.criterion("b", [Fixture.indicator("y", .fact(key: "y"), .linear(worst: 0, best: 10))]),
        ])
        f.profile("base", ["a": 1, "b": 1])
        return f
    }

    /// `twoFacts` with a runner-up, gap, whose unknown y would make it win at the best known y (8 + 6 against
    /// known's 6 + 6): the verdict is provisional.
    public static func provisional() -> Fixture {
        var f = twoFacts()
        f.tool("known", ["x": .number(6), "y": .number(6)])
        f.tool("weak", ["x": .number(2), "y": .number(2)])
        f.tool("gap", ["x": .number(8)])
        return f
    }

    /// `twoFacts` with p and q tied at 6.
    public static func tied() -> Fixture {
        var f = twoFacts()
        f.tool("p", ["x": .number(8), "y": .number(4)])
        f.tool("q", ["x": .number(4), "y": .number(8)])
        return f
    }

    /// `twoFacts` where p and q score the same on a: it decides nothing.
    public static func undecisive() -> Fixture {
        var f = twoFacts()
        f.tool("p", ["x": .number(5), "y": .number(9)])
        f.tool("q", ["x": .number(5), "y": .number(3)])
        return f
    }

    /// Two steps; cheap did one of them and wins on cost, complete did both: the run is the second value.
    public static func fewerStepsDone() -> (Fixture, Run) {
        var f = Fixture(criteria: [
            Fixture.criterion("perf", [Fixture.indicator("cap", .capability, .linear(worst: 0, best: 1))]),
            Fixture.criterion("cost", [Fixture.indicator("c", .fact(key: "c"), .linear(worst: 0, best: 10))]),
        ])
        f.steps = ["a", "b"]
        f.profile("base", ["perf": 1, "cost": 3])
        f.tool("cheap", ["c": .number(10)])
        f.tool("complete", ["c": .number(0)])
        let run = Runs.run("r1", at: "2026-11-01T00:00:00Z", [
            Runs.obs("cheap", "a", rep: 1, wall: 1), Runs.obs("cheap", "b", rep: 1, wall: nil, status: .failed),
            Runs.obs("complete", "a", rep: 1, wall: 1), Runs.obs("complete", "b", rep: 1, wall: 1),
        ])
        return (f, run)
    }

    public var project: Project {
        let scenario = steps.isEmpty ? nil : Scenario(description: "", parameters: [], steps: steps.map { ScenarioStep(id: $0, title: $0, description: "", timeoutSeconds: 60) })
        let stage = Stage(id: "stage", order: 1, title: "The stage", question: "", candidates: tools, scenario: scenario)
        let all = [stage] + otherStages
        let team = Team(
            name: "t", company: company, dataScienceTeam: .core, product: "", members: [], poster: "", schedule: [],
            profile: profiles.first?.id ?? "none",
            stages: all.map { s in StageAssignment(stage: s.id, candidates: s.candidates.map { Assessment(tool: $0.id, assessors: []) }) })
        let cost = CostModel(
            horizonMonths: 36,
            inputs: [.startup: CostInputs(seats: 8, hourlyRateUSD: 75, serverMonthlyUSD: 60, opsHoursPerMonth: 4)],
            basis: "test")
        return Project(root: "/fixture", team: team, criteria: criteria, costModel: cost, profiles: profiles, stages: all)
    }

    public func score(_ options: ScoringOptions = ScoringOptions(samples: 2000), runs: [Run] = []) throws -> StageScorecard {
        try Scorer.score(project: project, history: RunHistory(runs), options: options).stages[0]
    }
}

extension StageScorecard {
    public func tool(_ id: String) -> ToolScore { tools.first { $0.tool == id }! }
}

extension ToolScore {
    public func criterion(_ id: String) -> CriterionScore { criteria.first { $0.criterion == id }! }
    public func indicator(_ id: String) -> IndicatorValue { indicators.first { $0.indicator == id }! }
}

public enum Runs {
    public static let provenance = Provenance(cpuModel: "", cores: 2, memoryBytes: 0, os: "", kernel: "", python: "", uv: "", gitCommit: "", bakeoffVersion: "", network: "")

    public static func run(
        _ id: String, at time: String, _ observations: [Observation], status: RunStatus = .complete, repetitions: Int = 3,
        machine: String = ""
    ) -> Run {
        var p = provenance
        p.cpuModel = machine
        return Run(id: id, startedAt: time, endedAt: nil, status: status, repetitions: repetitions, provenance: p, environments: [],
            observations: observations.map { var o = $0; o.runID = id; return o })
    }

    public static func obs(_ tool: String, _ step: String, rep: Int, wall: Double?, status: ObservationStatus = .ok) -> Observation {
        Observation(runID: "", stage: "stage", tool: tool, step: step, repetition: rep, status: status, startedAt: "2026-11-29T00:00:00Z", wallSeconds: wall)
    }

    /// Every step of a tool, `reps` repetitions, each taking `wall` seconds.
    public static func all(_ tool: String, _ steps: [String], reps: Int = 3, wall: Double = 1) -> [Observation] {
        steps.flatMap { step in (1...reps).map { obs(tool, step, rep: $0, wall: wall) } }
    }
}
